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
