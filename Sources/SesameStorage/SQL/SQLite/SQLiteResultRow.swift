import Foundation
import SQLKit

/// The column names of one statement's result, looked up by name once per statement rather than
/// once per row and column.
final class SQLiteColumns: Sendable {
    let names: [String]
    /// How many times SQLite had recompiled the statement when the names were read.
    let reprepareCount: Int32
    private let indexByName: [String: Int]

    /// The names' bytes, for `index(of:prefix:)`.
    private let utf8Names: [[UInt8]]

    init(names: [String], reprepareCount: Int32) {
        self.names = names
        self.reprepareCount = reprepareCount
        // A join may repeat a name (`SELECT *` over two tables); the first one wins, as in SQLite's
        // own name lookup.
        self.indexByName = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        self.utf8Names = names.map { Array($0.utf8) }
    }

    func index(of name: String) -> Int? { indexByName[name] }

    /// Where `prefix` + `column` is: at `position` when the query fixes one (checked against the
    /// name in debug builds, i.e. every test run; nil past the last column), otherwise found by
    /// name. How both ways of reading a SQLite row (`RowReader`, `SQLiteCurrentRow`) find a column.
    func index(of column: String, prefix: String, at position: Int?) -> Int? {
        guard let position else { return index(of: column, prefix: prefix) }
        guard names.indices.contains(position) else { return nil }
        assert(names[position] == prefix + column, "\(prefix + column) is not at \(position)")
        return position
    }

    /// The index of the column named `prefix` + `column` (the first, as `index(of:)`), found
    /// without building the joined name: a joined row is read with a prefix per table, and
    /// concatenating and hashing every name cost more than comparing bytes with the few dozen
    /// names of a result (issue 7).
    func index(of column: String, prefix: String) -> Int? {
        guard !prefix.isEmpty else { return indexByName[column] }
        var prefix = prefix, column = column
        return prefix.withUTF8 { head in
            column.withUTF8 { tail in
                let length = head.count + tail.count
                for (index, name) in utf8Names.enumerated() where name.count == length {
                    let matches = name.withUnsafeBufferPointer { bytes in
                        bytes[..<head.count].elementsEqual(head) && bytes[head.count...].elementsEqual(tail)
                    }
                    if matches { return index }
                }
                return nil
            }
        }
    }
}

/// One result row, its values copied out of SQLite before the statement moved on.
struct SQLiteResultRow: SQLRow {
    let columns: SQLiteColumns
    let values: [SQLiteValue]

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.index(of: column) != nil }

    func decodeNil(column: String) throws -> Bool {
        try value(of: column) == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        let value = try value(of: column)
        // The types RowReader asks for, matched by identity: a cast to an existential metatype
        // (below) costs a protocol-conformance lookup on every column of every row.
        if type == String.self, case .text(let text) = value { return text as! D }
        if type == String?.self {
            if case .text(let text) = value { return Optional(text) as! D }
            if value == .null { return String?.none as! D }
        }
        guard let decodable = type as? any SQLiteColumnDecodable.Type else {
            throw DecodingError.typeMismatch(type, .init(codingPath: [], debugDescription: "the SQLite driver reads no \(type) from column \(column)"))
        }
        guard let decoded = decodable.init(sqliteValue: value) else {
            throw DecodingError.typeMismatch(type, .init(codingPath: [], debugDescription: "column \(column) holds \(value), not a \(type)"))
        }
        // The cast cannot fail: `decodable` is `type` itself.
        return decoded as! D
    }

    private func value(of column: String) throws -> SQLiteValue {
        guard let index = columns.index(of: column) else {
            throw DecodingError.keyNotFound(SQLiteColumnKey(stringValue: column), .init(codingPath: [], debugDescription: "no column \(column) in the result"))
        }
        return values[index]
    }
}

private struct SQLiteColumnKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue _: Int) { nil }
}

/// A type the driver reads straight out of a column; `nil` when the stored value is not one.
protocol SQLiteColumnDecodable {
    init?(sqliteValue: SQLiteValue)
}

extension String: SQLiteColumnDecodable {
    init?(sqliteValue: SQLiteValue) {
        guard case .text(let text) = sqliteValue else { return nil }
        self = text
    }
}

extension Int: SQLiteColumnDecodable {
    init?(sqliteValue: SQLiteValue) {
        guard case .integer(let number) = sqliteValue, let value = Int(exactly: number) else { return nil }
        self = value
    }
}

extension Int64: SQLiteColumnDecodable {
    init?(sqliteValue: SQLiteValue) {
        guard case .integer(let number) = sqliteValue else { return nil }
        self = number
    }
}

extension Double: SQLiteColumnDecodable {
    init?(sqliteValue: SQLiteValue) {
        switch sqliteValue {
        case .float(let number): self = number
        case .integer(let number): self = Double(number)
        default: return nil
        }
    }
}

extension Bool: SQLiteColumnDecodable {
    init?(sqliteValue: SQLiteValue) {
        guard case .integer(let number) = sqliteValue else { return nil }
        self = number != 0
    }
}

extension Date: SQLiteColumnDecodable {
    /// REAL (or, for whole seconds, INTEGER) seconds since 1970, rounded to the microsecond as
    /// SQLiteNIO did, so a date read back equals the date written.
    init?(sqliteValue: SQLiteValue) {
        guard let seconds = Double(sqliteValue: sqliteValue) else { return nil }
        let sinceReference = seconds - Date.timeIntervalBetween1970AndReferenceDate
        self.init(timeIntervalSinceReferenceDate: (sinceReference * 1e6).rounded() / 1e6)
    }
}

extension Data: SQLiteColumnDecodable {
    init?(sqliteValue: SQLiteValue) {
        guard case .blob(let bytes) = sqliteValue else { return nil }
        self = Data(bytes)
    }
}

extension Optional: SQLiteColumnDecodable where Wrapped: SQLiteColumnDecodable {
    /// NULL is `nil`; any other value must be a `Wrapped`.
    init?(sqliteValue: SQLiteValue) {
        if sqliteValue == .null {
            self = .none
            return
        }
        guard let wrapped = Wrapped(sqliteValue: sqliteValue) else { return nil }
        self = .some(wrapped)
    }
}
