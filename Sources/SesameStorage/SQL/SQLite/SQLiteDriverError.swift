import CSQLite3

/// An error SQLite reported: its result code and its own message, which names the constraint,
/// table or file involved.
struct SQLiteDriverError: Error, CustomStringConvertible {
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_IOERR_WRITE`, …).
    let code: Int32
    let message: String

    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_IOERR`, …).
    var primaryCode: Int32 { code & 0xFF }

    var description: String { "SQLite error \(code): \(message)" }

    /// The last error on `handle`, as SQLite describes it.
    static func last(on handle: OpaquePointer?, code: Int32) -> SQLiteDriverError {
        let message = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
        return SQLiteDriverError(code: handle.map { sqlite3_extended_errcode($0) } ?? code, message: message)
    }
}
