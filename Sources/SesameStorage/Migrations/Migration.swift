/// One schema change, applied once and recorded in `schema_migrations`.
public struct Migration: Sendable {
    /// Strictly increasing; the order migrations run in.
    public let version: Int
    /// A short description, recorded alongside the version.
    public let name: String
    /// The DDL statements, written once with the few types that differ between engines looked up in `SQLTypes`.
    public let statements: @Sendable (SQLTypes) -> [String]

    /// Declares a migration.
    public init(version: Int, name: String, statements: @escaping @Sendable (SQLTypes) -> [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }

    /// Every migration Sesame knows, in order. Append only: never edit a released one.
    public static let all: [Migration] = [.initialSchema, .emailFlows, .displayName, .expectedSubject]
}

/// Column types whose spelling differs between SQLite and PostgreSQL.
public struct SQLTypes: Sendable {
    /// A point in time: `TIMESTAMPTZ` on PostgreSQL, `REAL` epoch seconds on SQLite (SQLiteNIO's Date encoding).
    public let timestamp: String

    /// The spelling for a backend.
    public static func `for`(_ backend: StorageBackend) -> SQLTypes {
        switch backend {
        case .sqlite: SQLTypes(timestamp: "REAL")
        case .postgres: SQLTypes(timestamp: "TIMESTAMPTZ")
        }
    }
}

/// A migration that was applied by a `migrate` call.
public struct AppliedMigration: Hashable, Sendable {
    public let version: Int
    public let name: String
}
