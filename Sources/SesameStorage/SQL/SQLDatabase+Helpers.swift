import SQLKit

extension SQLDatabase {
    /// Runs a statement that returns nothing.
    func execute(_ query: SQLQueryString) async throws {
        try await raw(query).run()
    }

    /// Runs a query and maps every row.
    func fetchAll<T>(_ query: SQLQueryString, table: String, _ map: (RowReader) throws -> T) async throws -> [T] {
        try await raw(query).all().map { try map(RowReader($0, table: table)) }
    }

    /// Runs a query and maps the first row, if any.
    func fetchOne<T>(_ query: SQLQueryString, table: String, _ map: (RowReader) throws -> T) async throws -> T? {
        guard let row = try await raw(query).first() else { return nil }
        return try map(RowReader(row, table: table))
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
