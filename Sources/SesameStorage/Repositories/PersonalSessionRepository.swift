import Foundation
import SesameModel

/// Personal access sessions.
public protocol PersonalSessionRepository: Sendable {
    func add(_ session: PersonalSession) async throws
    func find(id: PersonalSessionID) async throws -> PersonalSession?
    /// Sessions acting as `actorUserID`, newest first.
    func list(actor actorUserID: UserID) async throws -> [PersonalSession]
    func revoke(id: PersonalSessionID, at date: Date) async throws
}
