import SQLKit

extension SQLDatabase {
    /// Runs a statement that returns nothing.
    func execute(_ query: SQLQueryString) async throws {
        try await raw(query).run()
    }

    /// Runs a query and maps every row.
    func fetchAll<T>(_ query: SQLQueryString, table: String, _ map: (RowReader) throws -> T) async throws -> [T] {
        // Sesame's SQLite driver answers on the calling thread: its rows are read directly.
        if let direct = self as? SQLiteDirectDatabase {
            return try direct.rows(query).map { try map(RowReader(sqlite: $0, table: table)) }
        }
        return try await raw(query).all().map { try map(RowReader($0, table: table)) }
    }

    /// Runs a query and maps the first row, if any.
    func fetchOne<T>(_ query: SQLQueryString, table: String, _ map: (RowReader) throws -> T) async throws -> T? {
        if let direct = self as? SQLiteDirectDatabase {
            return try direct.rows(query).first.map { try map(RowReader(sqlite: $0, table: table)) }
        }
        guard let row = try await raw(query).first() else { return nil }
        return try map(RowReader(row, table: table))
    }

    /// Runs `query` with `value` as its one bind and maps the first row, if any.
    func fetchOne<T>(_ query: OneBindQuery, binding value: String, table: String, _ map: (RowReader) throws -> T) async throws -> T? {
        // On SQLite the text is used as written once, so nothing is serialised per call.
        if let direct = self as? SQLiteDirectDatabase {
            return try direct.rows(query.sqlite, binds: [.text(value)]).first.map { try map(RowReader(sqlite: $0, table: table)) }
        }
        return try await fetchOne("\(unsafeRaw: query.head)\(bind: value)", table: table, map)
    }

    /// Runs `query` with `value` as its one bind and maps the first row, if any, with `mapping`:
    /// on SQLite read in place from the statement, on other drivers through `RowReader`.
    func fetchOne<M: RowMapping>(_ query: OneBindQuery, binding value: String, table: String, as mapping: M.Type) async throws -> M.Value? {
        if let direct = self as? SQLiteDirectDatabase {
            return try direct.firstRow(query.sqlite, binds: [.text(value)], table: table) { row in try M.map(row) }
        }
        return try await fetchOne("\(unsafeRaw: query.head)\(bind: value)", table: table) { row in try M.map(row) }
    }

    /// Runs a conditional `UPDATE … RETURNING id` and tells whether any row matched, so a
    /// state change that lost a race (already consumed, already exchanged) is visible to the caller.
    func updateReturningAny(_ query: SQLQueryString) async throws -> Bool {
        try await raw(query).first() != nil
    }
}

extension SQLDatabase {
    /// One page of `table`'s rows that meet `conditions` (`AND …` clauses), in ID order: the list
    /// half of every filtered listing. `table` is always a literal name, never input.
    func fetchPage<T>(
        of table: String, where conditions: SQLQueryString, page: PageRequest, _ map: (RowReader) throws -> T
    ) async throws -> [T] {
        let query: SQLQueryString = "SELECT * FROM \(unsafeRaw: table) WHERE 1 = 1" + conditions + page.keysetClause
        return page.inIDOrder(try await fetchAll(query, table: table, map))
    }

    /// How many of `table`'s rows meet `conditions`: the count half of every filtered listing.
    func count(in table: String, where conditions: SQLQueryString) async throws -> Int {
        try await fetchOne("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE 1 = 1" + conditions, table: table) { try $0.int("n") } ?? 0
    }
}

/// A query whose text is fixed up to one bind at its very end (`… WHERE token_hash = `), written
/// once rather than serialised by SQLKit on every call: the homeserver's token lookups (issue 7).
struct OneBindQuery: Sendable {
    /// The text before the bind; never input.
    let head: String
    /// The whole text in SQLite's dialect (numbered bind), its prepared statement found without
    /// hashing the text.
    let sqlite: StatementIdentity

    init(head: String) {
        self.head = head
        self.sqlite = StatementIdentity(sql: head + "?1")
    }
}
