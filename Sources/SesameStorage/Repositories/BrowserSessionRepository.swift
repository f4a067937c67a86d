import Foundation
import SesameModel

/// Signed-in browsers and how they authenticated.
public protocol BrowserSessionRepository: Sendable {
    func add(_ session: BrowserSession) async throws
    func find(id: BrowserSessionID) async throws -> BrowserSession?
    /// The user's sessions, newest first; only unfinished ones when `activeOnly`.
    func list(for userID: UserID, activeOnly: Bool) async throws -> [BrowserSession]
    /// Sessions of every user matching `filter`, in ID (creation) order.
    func list(_ filter: SessionFilter, page: PageRequest) async throws -> [BrowserSession]
    func count(_ filter: SessionFilter) async throws -> Int
    func finish(id: BrowserSessionID, at date: Date) async throws
    /// Ends every unfinished browser session of a user (deactivation, "log out everywhere").
    func finishAll(for userID: UserID, at date: Date) async throws
    func recordActivity(id: BrowserSessionID, at date: Date, ip: String?) async throws
    func addAuthentication(_ authentication: Authentication) async throws
    /// The newest authentication in the session, for `max_age` and `auth_time`.
    func lastAuthentication(in sessionID: BrowserSessionID) async throws -> Authentication?
}
