import Foundation
import SesameModel

/// Registration (invite) tokens.
public protocol RegistrationTokenRepository: Sendable {
    /// Stores a token; throws `StorageError.uniqueViolation` when the code exists.
    func add(_ token: RegistrationToken) async throws
    func find(id: RegistrationTokenID) async throws -> RegistrationToken?
    func find(token: String) async throws -> RegistrationToken?
    func list(page: PageRequest) async throws -> [RegistrationToken]
    /// How many tokens exist, revoked or not.
    func count() async throws -> Int
    /// Tokens matching `filter`, in ID (creation) order.
    func list(_ filter: RegistrationTokenFilter, page: PageRequest) async throws -> [RegistrationToken]
    func count(_ filter: RegistrationTokenFilter) async throws -> Int
    /// Replaces the usage limit and expiry (nil: unlimited, never expires).
    func setLimits(id: RegistrationTokenID, usageLimit: Int?, expiresAt: Date?) async throws
    /// Counts one use if the token is usable at `date`; false (nothing written) otherwise.
    func use(id: RegistrationTokenID, at date: Date) async throws -> Bool
    /// Revokes (`at` set) or un-revokes (`at` nil).
    func setRevoked(id: RegistrationTokenID, at date: Date?) async throws
}
