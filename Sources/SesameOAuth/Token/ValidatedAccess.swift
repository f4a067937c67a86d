import SesameModel

/// What a valid OAuth access token grants: who it acts for, through which session, with what scope.
public struct ValidatedAccess: Sendable, Equatable {
    public let token: AccessToken
    public let session: OAuthSession
    /// The user it acts for; nil for client-credentials tokens, which act as the client.
    public let user: User?

    /// The scope the token carries (its session's).
    public var scope: Scope { session.scope }
    /// The client the token was issued to.
    public var clientID: ClientID { session.clientID }

    /// Creates the value.
    public init(token: AccessToken, session: OAuthSession, user: User?) {
        self.token = token
        self.session = session
        self.user = user
    }
}
