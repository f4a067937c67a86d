import CSQLite3
import Foundation
import SesameModel

/// The row a SQLite statement is on, read in place: each value is taken from the statement when
/// asked for, so nothing is copied into an array of values first, and an ID is parsed from the
/// column's bytes without making a string of them (issue 7's introspection read).
///
/// Valid only until the statement steps again or is reset, which is why it cannot be copied:
/// `SQLiteHandle.firstRow` only lends it (`borrowing`) to the reader it is given.
struct SQLiteCurrentRow: ~Copyable {
    private let statement: OpaquePointer
    private let columns: SQLiteColumns
    /// The table named in errors.
    let table: String

    init(statement: OpaquePointer, columns: SQLiteColumns, table: String) {
        self.statement = statement
        self.columns = columns
        self.table = table
    }

    /// The column's value, copied out (what `SQLiteResultRow` holds for it).
    func value(at index: Int32) -> SQLiteValue { Self.value(in: statement, at: index) }

    /// Column `index` of the row `statement` is on, copied out.
    static func value(in statement: OpaquePointer, at index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT:
            return .float(sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            return .text(withText(in: statement, at: index) { String(decoding: $0, as: UTF8.self) })
        case SQLITE_BLOB:
            let length = Int(sqlite3_column_bytes(statement, index))
            guard let bytes = sqlite3_column_blob(statement, index), length > 0 else { return .blob([]) }
            return .blob([UInt8](UnsafeRawBufferPointer(start: bytes, count: length)))
        default:
            return .null
        }
    }

    /// `body` over the bytes of a TEXT column (call only for one: SQLite would convert others).
    private static func withText<R>(in statement: OpaquePointer, at index: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        // The text first, then its length: the order SQLite documents as safe.
        let text = sqlite3_column_text(statement, index)
        let length = Int(sqlite3_column_bytes(statement, index))
        return body(UnsafeBufferPointer(start: text, count: text == nil ? 0 : length))
    }

    /// Where `column` is, at `position` when the query fixes one.
    private func index(of column: String, at position: Int?) throws -> Int32 {
        guard let found = columns.index(of: column, prefix: "", at: position) else { throw corrupt(column, "no such column in the result") }
        return Int32(found)
    }

    /// The value converted as `RowReader` converts it, or `corruptRow`.
    private func decode<T>(_ column: String, at position: Int?, _ convert: (SQLiteValue) -> T?) throws -> T {
        let value = value(at: try index(of: column, at: position))
        guard let converted = convert(value) else { throw corrupt(column, "holds \(value), not a \(T.self)") }
        return converted
    }

    private func corrupt(_ column: String, _ reason: String) -> StorageError {
        .corruptRow(table: table, column: column, reason: reason)
    }
}

extension SQLiteCurrentRow: ColumnReading {
    func string(_ column: String, at position: Int?) throws -> String {
        try decode(column, at: position, String.init(sqliteValue:))
    }

    func optionalString(_ column: String, at position: Int?) throws -> String? {
        try decode(column, at: position, String?.init(sqliteValue:))
    }

    func date(_ column: String, at position: Int?) throws -> Date {
        try decode(column, at: position, Date.init(sqliteValue:))
    }

    func optionalDate(_ column: String, at position: Int?) throws -> Date? {
        try decode(column, at: position, Date?.init(sqliteValue:))
    }

    func scope(_ column: String, at position: Int?) throws -> Scope {
        let text = try string(column, at: position)
        guard let scope = Scope(parsing: text) else { throw corrupt(column, "not a scope: \(text)") }
        return scope
    }

    func id<Entity>(_ column: String, at position: Int?, as type: EntityID<Entity>.Type) throws -> EntityID<Entity> {
        guard let id = try optionalID(column, at: position, as: type) else {
            throw corrupt(column, "holds \(SQLiteValue.null), not a \(String.self)")
        }
        return id
    }

    /// The errors say what `RowReader`'s do: an ID column is read as text first.
    func optionalID<Entity>(_ column: String, at position: Int?, as _: EntityID<Entity>.Type) throws -> EntityID<Entity>? {
        let index = try index(of: column, at: position)
        switch sqlite3_column_type(statement, index) {
        case SQLITE_NULL:
            return nil
        case SQLITE_TEXT:
            if let ulid = Self.withText(in: statement, at: index, ULID.init(utf8:)) { return EntityID(ulid) }
            throw corrupt(column, "not a ULID: \(Self.withText(in: statement, at: index) { String(decoding: $0, as: UTF8.self) })")
        default:
            throw corrupt(column, "holds \(value(at: index)), not a \(String.self)")
        }
    }
}
