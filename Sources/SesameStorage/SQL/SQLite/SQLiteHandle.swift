import CSQLite3

/// One open SQLite connection and its prepared statements.
///
/// Not thread-safe on its own (it is opened in SQLite's multi-thread mode): whoever holds it —
/// the reader pool's borrower or the writer gate's holder — is its only user until it gives it
/// back, which is what makes the `@unchecked Sendable` true.
final class SQLiteHandle: @unchecked Sendable {
    private let connection: OpaquePointer
    /// Prepared statements by SQL text, or by the identity of a query written once (see
    /// `StatementIdentity`). Sesame's queries are a fixed set with binds, so this stays small; the
    /// cap guards against a query that inlines variable text.
    private var statements: [StatementKey: PreparedStatement] = [:]
    private static let statementCacheLimit = 512
    private var isClosed = false

    private enum StatementKey: Hashable {
        case text(String)
        case identity(ObjectIdentifier)
    }

    /// A compiled statement and the names of its result columns, read once.
    private struct PreparedStatement {
        let statement: OpaquePointer
        let columns: SQLiteColumns
        /// Kept so that an identity key's object, and so its `ObjectIdentifier`, outlives the entry.
        let identity: StatementIdentity?
    }

    private init(connection: OpaquePointer) {
        self.connection = connection
    }

    deinit { close() }

    /// Finalizes the statements and closes the connection; later use fails as `unavailable`.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        for prepared in statements.values { sqlite3_finalize(prepared.statement) }
        statements.removeAll()
        sqlite3_close_v2(connection)
    }

    /// Set before the first connection opens (SQLite takes process-wide settings only until it is
    /// initialised); a lazily initialised static runs exactly once.
    private static let processSettings: Void = {
        _ = sesame_sqlite3_disable_memory_statistics()
    }()

    /// Opens (creating if needed) the database file at `path`.
    static func open(path: String) throws -> SQLiteHandle {
        Self.processSettings
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let error = SQLiteDriverError.last(on: connection, code: code)
            sqlite3_close_v2(connection)
            throw error
        }
        sqlite3_extended_result_codes(connection, 1)
        return SQLiteHandle(connection: connection)
    }

    /// Runs one statement with its binds and hands each result row to `onRow`.
    func run(_ sql: String, binds: [SQLiteValue], onRow: (SQLiteResultRow) throws -> Void) throws {
        try run(sql, key: .text(sql), identity: nil, binds: binds, onRow: onRow)
    }

    /// As `run(_:binds:onRow:)` for a fixed text, whose cached statement is found by the object
    /// rather than by hashing the text.
    func run(_ fixed: StatementIdentity, binds: [SQLiteValue], onRow: (SQLiteResultRow) throws -> Void) throws {
        try run(fixed.sql, key: .identity(ObjectIdentifier(fixed)), identity: fixed, binds: binds, onRow: onRow)
    }

    /// Runs a fixed statement and lends its first row, in place, to `read`; nil when there is no
    /// row. The rest are not read: for lookups by a unique key, such as the token hash.
    func firstRow<T>(
        _ fixed: StatementIdentity, binds: [SQLiteValue], table: String, _ read: (borrowing SQLiteCurrentRow) throws -> T
    ) throws -> T? {
        var result: T?
        try run(fixed.sql, key: .identity(ObjectIdentifier(fixed)), identity: fixed, binds: binds) { statement, columns in
            result = try read(SQLiteCurrentRow(statement: statement, columns: columns, table: table))
            return false
        }
        return result
    }

    private func run(
        _ sql: String, key: StatementKey, identity: StatementIdentity?, binds: [SQLiteValue], onRow: (SQLiteResultRow) throws -> Void
    ) throws {
        try run(sql, key: key, identity: identity, binds: binds) { statement, columns in
            try onRow(SQLiteResultRow(columns: columns, values: rowValues(of: statement, count: columns.names.count)))
            return true
        }
    }

    /// Prepares (or finds) the statement, binds, and steps it, handing each row's statement and
    /// column names to `onRow` until it answers false or the rows run out.
    private func run(
        _ sql: String, key: StatementKey, identity: StatementIdentity?, binds: [SQLiteValue],
        onRow: (OpaquePointer, SQLiteColumns) throws -> Bool
    ) throws {
        var (statement, columns) = try prepared(sql, key: key, identity: identity)
        defer { sqlite3_reset(statement) }
        // Every parameter is bound on every run, so no value is left over from the last one and
        // the bindings are not cleared after it: `sqlite3_clear_bindings` marks a statement whose
        // plan looked at a bound value as expired, and SQLite 3.54 then compiled introspection's
        // join again on every call (issue 7). A cached statement keeps its last values until its
        // next run: hashes and stored values only, never a plaintext secret.
        let parameterCount = Int(sqlite3_bind_parameter_count(statement))
        guard binds.count == parameterCount else {
            throw SQLiteDriverError(code: SQLITE_RANGE, message: "\(binds.count) values bound to a statement with \(parameterCount) parameters")
        }
        for (offset, value) in binds.enumerated() {
            try bind(value, at: Int32(offset + 1), in: statement)
        }
        while true {
            let code = sqlite3_step(statement)
            switch code {
            case SQLITE_ROW:
                // SQLite recompiles a cached statement by itself after a schema change, so a
                // `SELECT *` may now have other columns than when their names were read.
                if sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_REPREPARE, 0) != columns.reprepareCount {
                    columns = SQLiteColumns(names: columnNames(of: statement), reprepareCount: sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_REPREPARE, 0))
                    statements[key] = PreparedStatement(statement: statement, columns: columns, identity: identity)
                }
                guard try onRow(statement, columns) else { return }
            case SQLITE_DONE:
                return
            default:
                throw SQLiteDriverError.last(on: connection, code: code)
            }
        }
    }

    /// Runs SQL text without binds or results (pragmas, BEGIN/COMMIT), possibly several statements.
    func execute(_ sql: String) throws {
        guard !isClosed else { throw StorageError.unavailable("the SQLite database is closed") }
        let code = sqlite3_exec(connection, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw SQLiteDriverError.last(on: connection, code: code) }
    }

    /// Whether the connection is inside a transaction (SQLite rolls some errors back on its own).
    var isInTransaction: Bool { sqlite3_get_autocommit(connection) == 0 }

    private func prepared(_ sql: String, key: StatementKey, identity: StatementIdentity?) throws -> (OpaquePointer, SQLiteColumns) {
        if let cached = statements[key] { return (cached.statement, cached.columns) }
        guard !isClosed else { throw StorageError.unavailable("the SQLite database is closed") }
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let code = sql.withCString { text in
            let result = sqlite3_prepare_v3(connection, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
            // Anything but whitespace after the first statement would be silently ignored: refuse it.
            if result == SQLITE_OK, let tail, tail.pointee != 0,
               !String(cString: tail).allSatisfy({ $0.isWhitespace || $0 == ";" }) {
                return SQLITE_MISUSE
            }
            return result
        }
        guard code == SQLITE_OK, let statement else {
            if code == SQLITE_MISUSE, let statement {
                sqlite3_finalize(statement)
                throw SQLiteDriverError(code: code, message: "one statement at a time: \(sql)")
            }
            throw SQLiteDriverError.last(on: connection, code: code)
        }
        if statements.count >= Self.statementCacheLimit {
            for cached in statements.values { sqlite3_finalize(cached.statement) }
            statements.removeAll(keepingCapacity: true)
        }
        let columns = SQLiteColumns(names: columnNames(of: statement), reprepareCount: sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_REPREPARE, 0))
        statements[key] = PreparedStatement(statement: statement, columns: columns, identity: identity)
        return (statement, columns)
    }

    private func bind(_ value: SQLiteValue, at index: Int32, in statement: OpaquePointer) throws {
        let code: Int32
        switch value {
        case .integer(let number): code = sqlite3_bind_int64(statement, index, number)
        case .float(let number): code = sqlite3_bind_double(statement, index, number)
        case .text(let text):
            // withCString never hands out a null pointer, so "" binds as empty text, not NULL.
            code = text.withCString { sesame_sqlite3_bind_text(statement, index, $0, Int32(text.utf8.count)) }
        case .blob(let bytes):
            code = bytes.withUnsafeBytes { buffer in
                // A zero-length blob still needs a non-null pointer, or SQLite binds NULL.
                let address = buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
                return sesame_sqlite3_bind_blob(statement, index, address, Int32(buffer.count))
            }
        case .null: code = sqlite3_bind_null(statement, index)
        }
        guard code == SQLITE_OK else { throw SQLiteDriverError.last(on: connection, code: code) }
    }

    private func columnNames(of statement: OpaquePointer) -> [String] {
        (0..<sqlite3_column_count(statement)).map { index in
            sqlite3_column_name(statement, index).map { String(cString: $0) } ?? ""
        }
    }

    private func rowValues(of statement: OpaquePointer, count: Int) -> [SQLiteValue] {
        (0..<Int32(count)).map { SQLiteCurrentRow.value(in: statement, at: $0) }
    }
}

/// A fixed SQL text that the statement caches find by the object's identity: hashing a long
/// query's text on every call (the token lookups' joins are about 700 bytes) cost more than the
/// lookup itself (issue 7). The text lives in the object, so a key cannot name another text.
final class StatementIdentity: Sendable {
    let sql: String

    init(sql: String) { self.sql = sql }
}
