import Foundation
import SesameModel

/// Compatibility-layer refresh tokens, looked up by hash.
public protocol CompatRefreshTokenRepository: Sendable {
    func add(_ token: CompatRefreshToken, tokenHash: String) async throws
    func find(tokenHash: String) async throws -> CompatRefreshToken?
    /// Marks a valid token consumed; false if it was already consumed or revoked.
    func consume(id: CompatRefreshTokenID, at date: Date) async throws -> Bool
    func revokeAll(in sessionID: CompatSessionID, at date: Date) async throws
}
