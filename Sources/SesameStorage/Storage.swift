import SesameModel

/// The database behind Sesame. Handlers read through `read` and write through `transaction`,
/// which gives them one set of repositories bound to one transaction.
public protocol Storage: Sendable {
    /// Which engine this is (for logs, `doctor` and dialect-specific tests).
    var backend: StorageBackend { get }

    /// Runs `body` with repositories outside any transaction; use for requests that only read.
    func read<T: Sendable>(_ body: @Sendable (any Repositories) async throws -> T) async throws -> T

    /// Runs `body` inside one transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @Sendable (any Repositories) async throws -> T) async throws -> T

    /// Applies every pending schema migration; safe to call on every start.
    func migrate() async throws -> [AppliedMigration]

    /// Proves the database answers (for `/health`).
    func checkHealth() async throws

    /// Runs the engine's own consistency check (SQLite `PRAGMA integrity_check`, PostgreSQL
    /// none needed) and returns the problems found; empty means consistent.
    func verifyIntegrity() async throws -> [String]

    /// Closes connections; the storage must not be used afterwards.
    func close() async
}

/// The two supported engines.
public enum StorageBackend: String, Sendable, CaseIterable {
    case sqlite, postgres
}
