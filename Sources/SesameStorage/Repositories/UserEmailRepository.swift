import Foundation
import SesameModel

/// Users' email addresses.
public protocol UserEmailRepository: Sendable {
    /// Stores an address; throws `StorageError.uniqueViolation` when this user already has it.
    func add(_ email: UserEmail) async throws
    func find(id: UserEmailID) async throws -> UserEmail?
    /// The confirmed address matching `email` case-insensitively, whoever owns it.
    func findConfirmed(email: String) async throws -> UserEmail?
    func list(for userID: UserID) async throws -> [UserEmail]
    /// Addresses of every user matching `filter`, in ID (creation) order.
    func list(_ filter: UserEmailFilter, page: PageRequest) async throws -> [UserEmail]
    func count(_ filter: UserEmailFilter) async throws -> Int
    func markConfirmed(id: UserEmailID, at date: Date) async throws
    func remove(id: UserEmailID) async throws
}
