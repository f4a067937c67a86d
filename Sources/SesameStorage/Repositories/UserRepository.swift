import Foundation
import SesameModel

/// Which users a listing returns.
public struct UserFilter: Hashable, Sendable {
    /// Only users in this state; nil for all.
    public enum State: String, Sendable, CaseIterable { case active, locked, deactivated }
    public var state: State?
    /// Only users who may (true) or may not (false) request admin scopes.
    public var canRequestAdmin: Bool?
    /// Only users whose username contains this text (case-insensitively).
    public var search: String?

    /// Creates a filter; the default lists everyone.
    public init(state: State? = nil, canRequestAdmin: Bool? = nil, search: String? = nil) {
        self.state = state
        self.canRequestAdmin = canRequestAdmin
        self.search = search
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
    /// The display name the user chose here; nil when none is set.
    func displayName(id: UserID) async throws -> String?
    /// Sets (or, with nil, clears) the user's display name.
    func setDisplayName(id: UserID, _ name: String?) async throws
}
