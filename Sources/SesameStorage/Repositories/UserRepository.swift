import Foundation
import SesameModel

/// Which users a listing returns.
public struct UserFilter: Hashable, Sendable {
    /// Only users in this state; nil for all.
    public enum State: String, Sendable, CaseIterable { case active, locked, deactivated }
    public var state: State?
    /// Only users who may (true) or may not (false) request admin scopes.
    public var canRequestAdmin: Bool?

    /// Creates a filter; the default lists everyone.
    public init(state: State? = nil, canRequestAdmin: Bool? = nil) {
        self.state = state
        self.canRequestAdmin = canRequestAdmin
    }
}

/// Accounts.
public protocol UserRepository: Sendable {
    /// Stores a new user; throws `StorageError.uniqueViolation` when the username is taken.
    func add(_ user: User) async throws
    func find(id: UserID) async throws -> User?
    func find(username: String) async throws -> User?
    /// Users in ID (creation) order.
    func list(_ filter: UserFilter, page: PageRequest) async throws -> [User]
    func count(_ filter: UserFilter) async throws -> Int
    /// Locks (`at` set) or unlocks (`at` nil) the account.
    func setLocked(id: UserID, at date: Date?) async throws
    /// Deactivates (`at` set) or reactivates (`at` nil) the account.
    func setDeactivated(id: UserID, at date: Date?) async throws
    func setCanRequestAdmin(id: UserID, _ allowed: Bool) async throws
}
