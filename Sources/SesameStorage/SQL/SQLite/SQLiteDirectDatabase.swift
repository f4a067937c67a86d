import Logging
import NIOCore
import NIOPosix
import SQLKit

/// SQLKit's view of one borrowed `SQLiteHandle`: statements run right on the calling thread.
///
/// SQLite work for one of Sesame's statements is a few microseconds of CPU on a cached page, far
/// less than handing it to a thread pool and back (what SQLiteNIO does for every statement, and
/// what bounded every grant in issue 7's profiles). So the repositories' `await`s on this database
/// never suspend, and a whole transaction runs on one thread from BEGIN to COMMIT.
struct SQLiteDirectDatabase: SQLDatabase {
    let handle: SQLiteHandle
    let logger: Logger

    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var dialect: any SQLDialect { SesameSQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeCompletedFuture { try run(query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try run(query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws {
        let (sql, binds) = serialize(query)
        try handle.run(sql, binds: try binds.map { try SQLiteValue(binding: $0) }) { onRow($0) }
    }

    /// The rows of `query` as the driver returns them, for `RowReader` to read without SQLKit's
    /// row existential and its builders (issue 7).
    func rows(_ query: any SQLExpression) throws -> [SQLiteResultRow] {
        let (sql, binds) = serialize(query)
        return try rows(sql: sql, binds: binds.map { try SQLiteValue(binding: $0) })
    }

    /// The rows of SQL text already written for SQLite (numbered `?N` binds).
    func rows(sql: String, binds: [SQLiteValue]) throws -> [SQLiteResultRow] {
        var rows: [SQLiteResultRow] = []
        try handle.run(sql, binds: binds) { rows.append($0) }
        return rows
    }

    /// The first row of a fixed text written for SQLite, read in place by `read`.
    func firstRow<T>(
        _ fixed: StatementIdentity, binds: [SQLiteValue], table: String, _ read: (borrowing SQLiteCurrentRow) throws -> T
    ) throws -> T? {
        try handle.firstRow(fixed, binds: binds, table: table, read)
    }

    /// The rows of a fixed text written for SQLite, its statement found by identity.
    func rows(_ fixed: StatementIdentity, binds: [SQLiteValue]) throws -> [SQLiteResultRow] {
        var rows: [SQLiteResultRow] = []
        try handle.run(fixed, binds: binds) { rows.append($0) }
        return rows
    }
}

/// How SQLKit writes SQL for SQLite: the subset of SQLiteKit's dialect that Sesame's queries use
/// (numbered `?N` binds, double-quoted identifiers, RETURNING and UPSERT, which SQLite has since 3.35).
struct SesameSQLiteDialect: SQLDialect {
    var name: String { "sqlite" }
    var identifierQuote: any SQLExpression { SQLRaw("\"") }
    var literalStringQuote: any SQLExpression { SQLRaw("'") }
    func bindPlaceholder(at position: Int) -> any SQLExpression { SQLRaw("?\(position)") }
    func literalBoolean(_ value: Bool) -> any SQLExpression { SQLRaw(value ? "TRUE" : "FALSE") }
    var literalDefault: any SQLExpression { SQLLiteral.null }
    var supportsIfExists: Bool { true }
    var supportsDropBehavior: Bool { false }
    var supportsAutoIncrement: Bool { false }
    var autoIncrementClause: any SQLExpression { SQLRaw("AUTOINCREMENT") }
    var enumSyntax: SQLEnumSyntax { .unsupported }
    var alterTableSyntax: SQLAlterTableSyntax { .init(allowsBatch: false) }
    var upsertSyntax: SQLUpsertSyntax { .standard }
    var supportsReturning: Bool { true }
    var unionFeatures: SQLUnionFeatures { [.union, .unionAll, .intersect, .except] }
}
