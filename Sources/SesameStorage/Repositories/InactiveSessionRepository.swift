import Foundation
import SesameModel

/// A session nobody has used since a cut-off, found for expiry.
public struct InactiveSession<ID: Hashable & Sendable>: Hashable, Sendable {
    public var id: ID
    public var userID: UserID

    public init(id: ID, userID: UserID) {
        self.id = id
        self.userID = userID
    }
}

/// Sessions unfinished and unused (by last activity, or creation when never used) since a date:
/// what MAS's `experimental.inactive_session_expiration` ends. Oldest first, at most `limit`.
public protocol InactiveSessionRepository: Sendable {
    /// OAuth sessions acting for a user (client-credentials sessions have none and are left alone).
    func oauthSessions(unusedSince cutoff: Date, limit: Int) async throws -> [InactiveSession<OAuthSessionID>]
    func compatSessions(unusedSince cutoff: Date, limit: Int) async throws -> [InactiveSession<CompatSessionID>]
    func browserSessions(unusedSince cutoff: Date, limit: Int) async throws -> [InactiveSession<BrowserSessionID>]
}
