import Foundation
import SesameModel

/// OAuth access tokens, looked up by the SHA-256 hash of the presented token.
public protocol AccessTokenRepository: Sendable {
    func add(_ token: AccessToken, tokenHash: String) async throws
    func find(id: AccessTokenID) async throws -> AccessToken?
    func find(tokenHash: String) async throws -> AccessToken?
    func revoke(id: AccessTokenID, at date: Date) async throws
    /// Revokes every unrevoked token of a session.
    func revokeAll(in sessionID: OAuthSessionID, at date: Date) async throws
    /// Records the first use; later calls keep the first time.
    func markFirstUsed(id: AccessTokenID, at date: Date) async throws
}
