import Foundation
import SesameModel

/// Compatibility-layer access tokens, looked up by hash.
public protocol CompatAccessTokenRepository: Sendable {
    func add(_ token: CompatAccessToken, tokenHash: String) async throws
    func find(tokenHash: String) async throws -> CompatAccessToken?
    func revoke(id: CompatAccessTokenID, at date: Date) async throws
    func revokeAll(in sessionID: CompatSessionID, at date: Date) async throws
}
