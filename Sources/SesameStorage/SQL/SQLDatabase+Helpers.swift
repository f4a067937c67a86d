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
