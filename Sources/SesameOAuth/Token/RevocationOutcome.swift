import SesameModel

/// What a successful revocation did. Either way the client gets the same empty 200 (RFC 7009 §2.2);
/// the server uses this to tell the homeserver to delete the session's device.
public enum RevocationOutcome: Sendable, Equatable {
    /// The token belonged to this OAuth session, which is now finished with all its tokens revoked.
    case endedSession(OAuthSession)
    /// Nothing was revoked: the token was unknown, malformed, already unusable, or of a kind this
    /// endpoint does not revoke (compatibility and personal tokens).
    case nothing
}
