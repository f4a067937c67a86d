import Foundation

/// Where an SSO login (`/login/sso/redirect` then `m.login.token`) stands.
public enum CompatSSOLoginState: Hashable, Sendable {
    case pending
    case fulfilled(browserSessionID: BrowserSessionID, fulfilledAt: Date)
    case exchanged(browserSessionID: BrowserSessionID, sessionID: CompatSessionID, fulfilledAt: Date, exchangedAt: Date)
}

/// A pending SSO login for a legacy Matrix client: the login token is returned to `redirectURI`.
public struct CompatSSOLogin: Hashable, Sendable {
    public var id: CompatSSOLoginID
    public var redirectURI: String
    public var createdAt: Date
    public var status: CompatSSOLoginState

    /// Creates an SSO login value.
    public init(id: CompatSSOLoginID, redirectURI: String, createdAt: Date, status: CompatSSOLoginState = .pending) {
        self.id = id
        self.redirectURI = redirectURI
        self.createdAt = createdAt
        self.status = status
    }
}
