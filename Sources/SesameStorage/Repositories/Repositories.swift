/// Every repository, bound to one connection (and, inside `Storage.transaction`, one transaction).
public protocol Repositories: Sendable {
    var users: any UserRepository { get }
    var passwords: any UserPasswordRepository { get }
    var emails: any UserEmailRepository { get }
    var browserSessions: any BrowserSessionRepository { get }
    var oauthClients: any OAuthClientRepository { get }
    var consents: any ConsentRepository { get }
    var authorizationGrants: any AuthorizationGrantRepository { get }
    var deviceCodeGrants: any DeviceCodeGrantRepository { get }
    var oauthSessions: any OAuthSessionRepository { get }
    var accessTokens: any AccessTokenRepository { get }
    var refreshTokens: any RefreshTokenRepository { get }
    var compatSessions: any CompatSessionRepository { get }
    var compatAccessTokens: any CompatAccessTokenRepository { get }
    var compatRefreshTokens: any CompatRefreshTokenRepository { get }
    var compatSSOLogins: any CompatSSOLoginRepository { get }
    var personalSessions: any PersonalSessionRepository { get }
    var personalAccessTokens: any PersonalAccessTokenRepository { get }
    var registrationTokens: any RegistrationTokenRepository { get }
    var jobs: any JobRepository { get }
    var inactiveSessions: any InactiveSessionRepository { get }
    var emailVerifications: any EmailVerificationRepository { get }
    var pendingRegistrations: any PendingRegistrationRepository { get }
    var passwordRecoveryTickets: any PasswordRecoveryTicketRepository { get }
}

/// A page request for keyset pagination over ULID-ordered rows. The result is always in ascending
/// ID order; `fromEnd` picks which end of the matching range the `limit` rows are taken from.
/// (`before` and `fromEnd` are honoured by the user, OAuth client and registration token listings.)
public struct PageRequest: Hashable, Sendable {
    /// Return rows strictly after this ID (in ID order); nil starts at the beginning.
    public var after: String?
    /// Return rows strictly before this ID; nil runs to the end.
    public var before: String?
    /// At most this many rows.
    public var limit: Int
    /// Take the last `limit` rows of the range instead of the first (for "previous page" and `page[last]`).
    public var fromEnd: Bool

    /// Creates a page request; `limit` is clamped to 1…1000.
    public init(after: String? = nil, before: String? = nil, limit: Int = 100, fromEnd: Bool = false) {
        self.after = after
        self.before = before
        self.limit = min(max(limit, 1), 1000)
        self.fromEnd = fromEnd
    }
}
