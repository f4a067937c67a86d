import Foundation
import SesameModel

/// OAuth sessions.
public protocol OAuthSessionRepository: Sendable {
    func add(_ session: OAuthSession) async throws
    func find(id: OAuthSessionID) async throws -> OAuthSession?
    /// A user's sessions, newest first; only unfinished ones when `activeOnly`.
    func list(for userID: UserID, activeOnly: Bool) async throws -> [OAuthSession]
    /// Sessions of every user and client matching `filter`, in ID (creation) order.
    func list(_ filter: OAuthSessionFilter, page: PageRequest) async throws -> [OAuthSession]
    func count(_ filter: OAuthSessionFilter) async throws -> Int
    /// Ends the session; its tokens stop working.
    func finish(id: OAuthSessionID, at date: Date) async throws
    func recordActivity(id: OAuthSessionID, at date: Date, ip: String?) async throws
    func setHumanName(id: OAuthSessionID, _ name: String?) async throws
}
