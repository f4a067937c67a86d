import Foundation
import SesameModel

/// OAuth refresh tokens, looked up by hash.
public protocol RefreshTokenRepository: Sendable {
    func add(_ token: RefreshToken, tokenHash: String) async throws
    func find(id: RefreshTokenID) async throws -> RefreshToken?
    func find(tokenHash: String) async throws -> RefreshToken?
    /// Marks a valid token consumed and points it at its successor; false if it was already
    /// consumed or revoked (so a concurrent second use loses).
    func consume(id: RefreshTokenID, next: RefreshTokenID, at date: Date) async throws -> Bool
    /// Revokes every token of the session that is still valid.
    func revokeAll(in sessionID: OAuthSessionID, at date: Date) async throws
}
