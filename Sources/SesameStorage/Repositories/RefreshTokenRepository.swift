import Foundation
import SesameModel

/// OAuth refresh tokens, looked up by hash.
public protocol RefreshTokenRepository: Sendable {
    func add(_ token: RefreshToken, tokenHash: String) async throws
    func find(id: RefreshTokenID) async throws -> RefreshToken?
    func find(tokenHash: String) async throws -> RefreshToken?
    /// The token with its session and the session's user, in one read (the refresh grant needs all three).
    func findWithSession(tokenHash: String) async throws -> RefreshTokenWithSession?
    /// Marks a valid token consumed and points it at its successor; false if it was already
    /// consumed or revoked (so a concurrent second use loses).
    func consume(id: RefreshTokenID, next: RefreshTokenID, at date: Date) async throws -> Bool
    /// Revokes one token that is still valid; false (nothing written) if it was already consumed or
    /// revoked, so a concurrent retry of a lost response cannot revoke it twice.
    func revoke(id: RefreshTokenID, at date: Date) async throws -> Bool
    /// Points a consumed token at a newer successor, but only while it still points at `expected`;
    /// false (nothing written) otherwise. Used when a lost token response is retried.
    func replaceNext(of id: RefreshTokenID, expected: RefreshTokenID, with next: RefreshTokenID) async throws -> Bool
    /// Revokes every token of the session that is still valid.
    func revokeAll(in sessionID: OAuthSessionID, at date: Date) async throws
}

/// A refresh token as the refresh grant needs it: the token, its session, and the session's user.
public struct RefreshTokenWithSession: Sendable {
    public let token: RefreshToken
    public let session: OAuthSession
    /// Nil for a session without a user, and when the user row is gone.
    public let user: User?

    /// Bundles what one lookup found.
    public init(token: RefreshToken, session: OAuthSession, user: User?) {
        self.token = token
        self.session = session
        self.user = user
    }
}
