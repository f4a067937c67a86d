import Foundation
import SQLKit

/// Brings a schema up to date inside the caller's transaction, so a failed migration leaves
/// the database exactly as it was.
struct Migrator {
    let sql: any SQLDatabase
    let backend: StorageBackend

    func migrate(to migrations: [Migration]) async throws -> [AppliedMigration] {
        if backend == .postgres {
            // Two servers starting at once must not both migrate; the lock ends with the transaction.
            try await sql.execute("SELECT pg_advisory_xact_lock(\(literal: 0x5E5A_3E))")
        }
        let types = SQLTypes.for(backend)
        try await sql.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at \(unsafeRaw: types.timestamp) NOT NULL
            )
            """)
        let applied = Set(try await sql.fetchAll("SELECT version FROM schema_migrations", table: "schema_migrations") { try $0.int("version") })
        let known = migrations.map(\.version).max() ?? 0
        if let newest = applied.max(), newest > known {
            throw StorageError.schemaTooNew(databaseVersion: newest, knownVersion: known)
        }
        var done: [AppliedMigration] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) where !applied.contains(migration.version) {
            for statement in migration.statements(types) {
                try await sql.execute("\(unsafeRaw: statement)")
            }
            try await sql.execute("""
                INSERT INTO schema_migrations (version, name, applied_at)
                VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Date()))
                """)
            done.append(AppliedMigration(version: migration.version, name: migration.name))
        }
        return done
    }
}
