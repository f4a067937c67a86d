import Foundation
import SesameModel

/// Personal access sessions.
public protocol PersonalSessionRepository: Sendable {
    func add(_ session: PersonalSession) async throws
    func find(id: PersonalSessionID) async throws -> PersonalSession?
    /// Sessions acting as `actorUserID`, newest first.
    func list(actor actorUserID: UserID) async throws -> [PersonalSession]
    /// Sessions matching `filter`, in ID (creation) order.
    func list(_ filter: PersonalSessionFilter, page: PageRequest) async throws -> [PersonalSession]
    func count(_ filter: PersonalSessionFilter) async throws -> Int
    func revoke(id: PersonalSessionID, at date: Date) async throws
    /// Records a use of the session's token; a use without a known address keeps the last one seen.
    func recordActivity(id: PersonalSessionID, at date: Date, ip: String?) async throws
}
