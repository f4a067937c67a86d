import Foundation
import SesameModel

/// Typed reads of one result row's columns, by name or at a position fixed by the query, with
/// anything unexpected reported as `StorageError.corruptRow`. Two kinds of row answer it:
/// `RowReader` (any driver, values already copied out) and `SQLiteCurrentRow` (Sesame's SQLite
/// driver, read in place while the statement is on the row). A mapping written once over this
/// protocol serves both; the homeserver's token lookup uses it to skip copying every column into
/// a value array before reading it (issue 7).
///
/// `~Copyable` because the in-place row must not outlive its statement's step: it is only ever
/// lent (`borrowing`) to a mapping, which therefore cannot keep it.
protocol ColumnReading: ~Copyable {
    func string(_ column: String, at position: Int?) throws -> String
    func optionalString(_ column: String, at position: Int?) throws -> String?
    func date(_ column: String, at position: Int?) throws -> Date
    func optionalDate(_ column: String, at position: Int?) throws -> Date?
    func scope(_ column: String, at position: Int?) throws -> Scope
    func id<Entity>(_ column: String, at position: Int?, as _: EntityID<Entity>.Type) throws -> EntityID<Entity>
    func optionalID<Entity>(_ column: String, at position: Int?, as _: EntityID<Entity>.Type) throws -> EntityID<Entity>?
}

/// A query's row mapping written over `ColumnReading`, so that each driver reads it its own
/// fastest way (`SQLDatabase.fetchOne(_:binding:table:as:)`).
protocol RowMapping {
    associatedtype Value
    static func map<Row: ColumnReading & ~Copyable>(_ row: borrowing Row) throws -> Value
}

extension RowReader: ColumnReading {}
