import SQLKit

/// What differs between the two engines: how to get a connection, how to run a transaction on
/// one connection (SQLKit has no transaction API), and how to read the driver's errors.
protocol SQLEngine: Sendable {
    var backend: StorageBackend { get }
    func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func withTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Turns a driver error into a `StorageError` where one applies; other errors pass through.
    func translate(_ error: any Error) -> any Error
    func close() async
}

/// `Storage` over any engine: repositories, migrations and health checks are written once.
struct SQLStorage<Engine: SQLEngine>: Storage {
    let engine: Engine

    var backend: StorageBackend { engine.backend }

    func read<T: Sendable>(_ body: @Sendable (any Repositories) async throws -> T) async throws -> T {
        do {
            return try await engine.withConnection { try await body(SQLRepositories(sql: $0)) }
        } catch {
            throw engine.translate(error)
        }
    }

    func transaction<T: Sendable>(_ body: @Sendable (any Repositories) async throws -> T) async throws -> T {
        do {
            return try await engine.withTransaction { try await body(SQLRepositories(sql: $0)) }
        } catch {
            throw engine.translate(error)
        }
    }

    func migrate() async throws -> [AppliedMigration] {
        let backend = engine.backend
        do {
            return try await engine.withTransaction { sql in
                try await Migrator(sql: sql, backend: backend).migrate(to: Migration.all)
            }
        } catch {
            throw engine.translate(error)
        }
    }

    func checkHealth() async throws {
        do {
            _ = try await engine.withConnection { try await $0.raw("SELECT 1 AS ok").first() != nil }
        } catch {
            throw engine.translate(error)
        }
    }

    func verifyIntegrity() async throws -> [String] {
        guard engine.backend == .sqlite else { return [] }
        do {
            let lines = try await engine.withConnection { sql in
                try await sql.fetchAll("PRAGMA integrity_check", table: "integrity_check") { try $0.string("integrity_check") }
            }
            return lines == ["ok"] ? [] : lines
        } catch {
            throw engine.translate(error)
        }
    }

    func close() async { await engine.close() }
}
