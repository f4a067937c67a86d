import Foundation
import SesameModel

/// Personal access tokens, looked up by hash.
public protocol PersonalAccessTokenRepository: Sendable {
    func add(_ token: PersonalAccessToken, tokenHash: String) async throws
    func find(tokenHash: String) async throws -> PersonalAccessToken?
    /// The session's newest unrevoked token.
    func active(in sessionID: PersonalSessionID) async throws -> PersonalAccessToken?
    func revokeAll(in sessionID: PersonalSessionID, at date: Date) async throws
}
