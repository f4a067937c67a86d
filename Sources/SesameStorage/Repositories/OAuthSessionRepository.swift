import Foundation
import SesameModel

/// OAuth sessions.
public protocol OAuthSessionRepository: Sendable {
    func add(_ session: OAuthSession) async throws
    func find(id: OAuthSessionID) async throws -> OAuthSession?
    /// A user's sessions, newest first; only unfinished ones when `activeOnly`.
    func list(for userID: UserID, activeOnly: Bool) async throws -> [OAuthSession]
    /// Ends the session; its tokens stop working.
    func finish(id: OAuthSessionID, at date: Date) async throws
    func recordActivity(id: OAuthSessionID, at date: Date, ip: String?) async throws
    func setHumanName(id: OAuthSessionID, _ name: String?) async throws
}
