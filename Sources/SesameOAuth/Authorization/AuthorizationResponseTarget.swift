import SesameModel

/// Where and how the answer to an authorization request goes: the verified redirect URI, the
/// response mode, and the `state` to echo back.
public struct AuthorizationResponseTarget: Hashable, Sendable {
    /// A redirect URI the client registered (already verified).
    public var redirectURI: String
    public var responseMode: ResponseMode
    /// The client's `state`, echoed unchanged (RFC 6749 §4.1.2).
    public var state: String?

    /// Creates a target.
    public init(redirectURI: String, responseMode: ResponseMode = .query, state: String? = nil) {
        self.redirectURI = redirectURI
        self.responseMode = responseMode
        self.state = state
    }

    /// True for `urn:ietf:wg:oauth:2.0:oob`: the answer is shown to the user instead of redirected.
    public var isOutOfBand: Bool { redirectURI == RedirectURIMatcher.outOfBand }

    /// The target of a stored grant.
    public init(grant: AuthorizationGrant) {
        self.init(redirectURI: grant.redirectURI, responseMode: grant.responseMode, state: grant.state)
    }
}
