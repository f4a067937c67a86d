import Foundation
import SesameModel

/// OAuth access tokens, looked up by the SHA-256 hash of the presented token.
public protocol AccessTokenRepository: Sendable {
    func add(_ token: AccessToken, tokenHash: String) async throws
    func find(id: AccessTokenID) async throws -> AccessToken?
    func find(tokenHash: String) async throws -> AccessToken?
    /// The token with its session and the session's user, in one read: introspection asks this
    /// for every token the homeserver sees, so it must not cost three round trips.
    func findWithSession(tokenHash: String) async throws -> AccessTokenWithSession?
    /// What the token grants, read with only the columns introspection's answer and validity rules
    /// use (see `AccessTokenGrant`); nil when no token has this hash.
    func findGrant(tokenHash: String) async throws -> AccessTokenGrant?
    func revoke(id: AccessTokenID, at date: Date) async throws
    /// Revokes every unrevoked token of a session.
    func revokeAll(in sessionID: OAuthSessionID, at date: Date) async throws
    /// Records the first use; later calls keep the first time.
    func markFirstUsed(id: AccessTokenID, at date: Date) async throws
}

/// An access token as introspection needs it: the token, its session, and the session's user.
public struct AccessTokenWithSession: Sendable {
    public let token: AccessToken
    public let session: OAuthSession
    /// Nil for a client's own session (`session.userID == nil`), and when the user row is gone.
    public let user: User?

    /// Bundles what one lookup found.
    public init(token: AccessToken, session: OAuthSession, user: User?) {
        self.token = token
        self.session = session
        self.user = user
    }
}

/// An access token as the homeserver's introspection needs it, and nothing more: the token's
/// times, its session's client, scope and state, and the user's name and state.
///
/// `findWithSession` builds the whole token, session and user for the same answer; on the
/// homeserver's hottest path that was about a tenth of a valid introspection's instructions (issue 7).
/// The validity rule is the models' own (`AccessToken.isValid`, `OAuthSession.isActive`,
/// `User.isActive`), applied to the same columns, so both reads agree on every token.
public struct AccessTokenGrant: Sendable, Equatable {
    /// Whose the session is.
    public enum Subject: Sendable, Equatable {
        /// A client's own session (client credentials): no user.
        case client
        /// A user's session, with the user row's name and state.
        case user(id: UserID, username: Username, lockedAt: Date?, deactivatedAt: Date?)
        /// The session names a user whose row is gone: never usable.
        case missingUser
    }

    public let tokenID: AccessTokenID
    public let createdAt: Date
    public let expiresAt: Date?
    public let revokedAt: Date?
    /// nil until the token is first presented (the refresh lost-response rule depends on it).
    public let firstUsedAt: Date?
    public let sessionID: OAuthSessionID
    public let sessionFinishedAt: Date?
    public let clientID: ClientID
    public let scope: Scope
    public let subject: Subject

    /// Bundles what one read found.
    public init(
        tokenID: AccessTokenID, createdAt: Date, expiresAt: Date?, revokedAt: Date?, firstUsedAt: Date?,
        sessionID: OAuthSessionID, sessionFinishedAt: Date?, clientID: ClientID, scope: Scope, subject: Subject
    ) {
        self.tokenID = tokenID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.firstUsedAt = firstUsedAt
        self.sessionID = sessionID
        self.sessionFinishedAt = sessionFinishedAt
        self.clientID = clientID
        self.scope = scope
        self.subject = subject
    }

    /// True when the token may be used at `date`: unrevoked and unexpired, its session not
    /// finished, and its user (if any) present, neither locked nor deactivated.
    public func isUsable(at date: Date) -> Bool {
        guard AccessToken.isValid(revokedAt: revokedAt, expiresAt: expiresAt, at: date),
              OAuthSession.isActive(finishedAt: sessionFinishedAt)
        else { return false }
        switch subject {
        case .client: return true
        case .user(_, _, let lockedAt, let deactivatedAt): return User.isActive(lockedAt: lockedAt, deactivatedAt: deactivatedAt)
        case .missingUser: return false
        }
    }
}
