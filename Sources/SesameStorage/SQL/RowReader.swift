import Foundation
import SQLKit
import SesameModel

/// Reads typed values out of a result row, turning anything unexpected into `StorageError.corruptRow`
/// that names the table and column, instead of a driver error nobody can act on.
struct RowReader {
    /// Where the values come from. Rows of Sesame's own SQLite driver are read straight from their
    /// values; going through SQLKit's generic `decode(column:as:)` cost a conformance lookup and a
    /// metadata instantiation per column, a visible share of introspection's profile (issue 7).
    private enum Source {
        case sqlite(SQLiteResultRow)
        case driver(any SQLRow)
    }

    private let source: Source
    let table: String
    /// Put before every column name: a joined query selects `t.id AS t_id`, so one table's
    /// mapper can read its columns out of a row that also holds another table's.
    let prefix: String

    /// A row of another driver (PostgreSQL), read through SQLKit.
    init(_ row: any SQLRow, table: String, prefix: String = "") {
        self.init(source: .driver(row), table: table, prefix: prefix)
    }

    init(sqlite row: SQLiteResultRow, table: String, prefix: String = "") {
        self.init(source: .sqlite(row), table: table, prefix: prefix)
    }

    private init(source: Source, table: String, prefix: String) {
        self.source = source
        self.table = table
        self.prefix = prefix
    }

    /// The same row read with another table name and prefix (one table's part of a joined row).
    func part(table: String, prefix: String) -> RowReader {
        RowReader(source: source, table: table, prefix: prefix)
    }

    func string(_ column: String, at position: Int? = nil) throws -> String {
        try decode(column, at: position, as: String.self, String.init(sqliteValue:))
    }

    func optionalString(_ column: String, at position: Int? = nil) throws -> String? {
        try decode(column, at: position, as: String?.self, String?.init(sqliteValue:))
    }

    func date(_ column: String, at position: Int? = nil) throws -> Date {
        try decode(column, at: position, as: Date.self, Date.init(sqliteValue:))
    }

    func optionalDate(_ column: String, at position: Int? = nil) throws -> Date? {
        try decode(column, at: position, as: Date?.self, Date?.init(sqliteValue:))
    }

    func int(_ column: String) throws -> Int {
        try decode(column, at: nil, as: Int.self, Int.init(sqliteValue:))
    }

    func optionalInt(_ column: String) throws -> Int? {
        try decode(column, at: nil, as: Int?.self, Int?.init(sqliteValue:))
    }

    func bool(_ column: String) throws -> Bool {
        try decode(column, at: nil, as: Bool.self, Bool.init(sqliteValue:))
    }

    func id<Entity>(_ column: String, at position: Int? = nil, as _: EntityID<Entity>.Type = EntityID<Entity>.self) throws -> EntityID<Entity> {
        let text = try string(column, at: position)
        guard let id = EntityID<Entity>(text) else { throw corrupt(column, "not a ULID: \(text)") }
        return id
    }

    func optionalID<Entity>(_ column: String, at position: Int? = nil, as _: EntityID<Entity>.Type = EntityID<Entity>.self) throws -> EntityID<Entity>? {
        guard let text = try optionalString(column, at: position) else { return nil }
        guard let id = EntityID<Entity>(text) else { throw corrupt(column, "not a ULID: \(text)") }
        return id
    }

    func scope(_ column: String, at position: Int? = nil) throws -> Scope {
        let text = try string(column, at: position)
        guard let scope = Scope(parsing: text) else { throw corrupt(column, "not a scope: \(text)") }
        return scope
    }

    func optionalScope(_ column: String) throws -> Scope? {
        guard let text = try optionalString(column) else { return nil }
        guard let scope = Scope(parsing: text) else { throw corrupt(column, "not a scope: \(text)") }
        return scope
    }

    /// A column holding the raw value of a `RawRepresentable` enum.
    func enumeration<E: RawRepresentable>(_ column: String, as _: E.Type = E.self) throws -> E where E.RawValue == String {
        let text = try string(column)
        guard let value = E(rawValue: text) else { throw corrupt(column, "unknown value \(text)") }
        return value
    }

    /// A column holding space-separated words (redirect URIs, contacts, grant types).
    func words(_ column: String) throws -> [String] {
        try string(column).split(separator: " ").map(String.init)
    }

    func activity() throws -> ActivityRecord {
        ActivityRecord(
            userAgent: try optionalString("user_agent"),
            lastActiveAt: try optionalDate("last_active_at"),
            lastActiveIP: try optionalString("last_active_ip")
        )
    }

    /// `column`'s value: converted by `sqlite` from a SQLite row, decoded by the driver otherwise.
    /// A SQLite row is read at `position` when the query fixes one (no lookup by name: issue 7's
    /// introspection read); other drivers' rows are always read by name.
    private func decode<T: Decodable>(_ column: String, at position: Int?, as type: T.Type, _ sqlite: (SQLiteValue) -> T?) throws -> T {
        switch source {
        case .sqlite(let row):
            guard let index = row.columns.index(of: column, prefix: prefix, at: position) else {
                throw corrupt(column, "no such column in the result")
            }
            let value = row.values[index]
            guard let converted = sqlite(value) else { throw corrupt(column, "holds \(value), not a \(T.self)") }
            return converted
        case .driver(let row):
            do {
                return try row.decode(column: prefix.isEmpty ? column : prefix + column, as: type)
            } catch {
                throw corrupt(column, String(describing: error))
            }
        }
    }

    private func corrupt(_ column: String, _ reason: String) -> StorageError {
        .corruptRow(table: table, column: column, reason: reason)
    }
}
