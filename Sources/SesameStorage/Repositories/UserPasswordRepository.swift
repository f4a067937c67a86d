import SesameModel

/// Password hashes; the newest row per user is the current password.
public protocol UserPasswordRepository: Sendable {
    func add(_ password: UserPassword) async throws
    /// The user's current password, nil when they have none (e.g. upstream-only accounts).
    func current(for userID: UserID) async throws -> UserPassword?
}
