import Foundation
import SesameModel

/// Registrations waiting for their email code.
public protocol PendingRegistrationRepository: Sendable {
    func add(_ registration: PendingRegistration) async throws
    func find(id: PendingRegistrationID) async throws -> PendingRegistration?
    /// Marks it completed if it was not yet; false (nothing written) when it already was.
    func complete(id: PendingRegistrationID, at date: Date) async throws -> Bool
}
