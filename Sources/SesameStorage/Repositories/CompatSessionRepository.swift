import Foundation
import SesameModel

/// Compatibility-layer (legacy Matrix login) sessions.
public protocol CompatSessionRepository: Sendable {
    func add(_ session: CompatSession) async throws
    func find(id: CompatSessionID) async throws -> CompatSession?
    /// The unfinished session holding `deviceID` for this user, if any.
    func findActive(userID: UserID, deviceID: DeviceID) async throws -> CompatSession?
    /// A user's sessions, newest first; only unfinished ones when `activeOnly`.
    func list(for userID: UserID, activeOnly: Bool) async throws -> [CompatSession]
    /// Sessions of every user matching `filter`, in ID (creation) order.
    func list(_ filter: CompatSessionFilter, page: PageRequest) async throws -> [CompatSession]
    func count(_ filter: CompatSessionFilter) async throws -> Int
    func finish(id: CompatSessionID, at date: Date) async throws
    func recordActivity(id: CompatSessionID, at date: Date, ip: String?) async throws
    func setHumanName(id: CompatSessionID, _ name: String?) async throws
}
