import CSQLite3
import Foundation
import SQLKit
import SesameModel
@testable import SesameStorage
import Testing

/// Sesame's own SQLite driver (`SQL/SQLite/`), below the repositories: what it stores for each kind
/// of bound value, and how it refuses what it cannot do. The repository suites cover it end to end.
@Suite("SQLite driver")
struct SQLiteDriverTests {
    /// A database file of its own in a temporary folder, with one table of every kind of column.
    private func withDatabase<T>(_ body: (SQLiteEngine, String) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-driver-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("driver.db").path
        let engine = try await SQLiteEngine.open(path: path, logger: testLogger)
        do {
            try await engine.withTransaction { sql in
                try await sql.raw("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT, at REAL, flag INTEGER, UNIQUE (text))").run()
            }
            let result = try await body(engine, path)
            await engine.close()
            return result
        } catch {
            await engine.close()
            throw error
        }
    }

    @Test("the driver runs on the SQLite compiled into the binary: a recent one, with its lookaside allocator")
    func vendoredLibrary() async throws {
        try await withDatabase { engine, _ in
            let (version, options) = try await engine.withConnection { sql in
                let version = try await sql.raw("SELECT sqlite_version() AS v").first()?.decode(column: "v", as: String.self)
                let options = try await sql.raw("PRAGMA compile_options").all().map { try $0.decode(column: "compile_options", as: String.self) }
                return (version, options)
            }
            // Debian 12's shared libsqlite3 is 3.40.1 and built with SQLITE_OMIT_LOOKASIDE.
            let parts = try #require(version).split(separator: ".").compactMap { Int($0) }
            #expect(parts.lexicographicallyPrecedes([3, 45]) == false, "\(version ?? "none")")
            #expect(!options.contains("OMIT_LOOKASIDE"))
            #expect(options.contains("DQS=0"))
        }
    }

    @Test("an empty string is stored as empty text and a nil optional as NULL")
    func emptyTextIsNotNull() async throws {
        try await withDatabase { engine, _ in
            let missing: String? = nil
            try await engine.withTransaction { sql in
                try await sql.raw("INSERT INTO t (id, text) VALUES (1, \(bind: ""))").run()
                try await sql.raw("INSERT INTO t (id, text) VALUES (2, \(bind: missing))").run()
            }
            let kinds = try await engine.withConnection { sql in
                try await sql.raw("SELECT typeof(text) AS kind FROM t ORDER BY id").all().map { try $0.decode(column: "kind", as: String.self) }
            }
            #expect(kinds == ["text", "null"])
        }
    }

    @Test("the repositories' row reader takes each type straight from the row, and names the column a value does not fit")
    func rowReaderReadsDirectly() async throws {
        try await withDatabase { engine, _ in
            let date = Date(timeIntervalSince1970: 1_732_000_000.25)
            try await engine.withTransaction { sql in
                try await sql.raw("INSERT INTO t (id, text, at, flag) VALUES (1, \(bind: "é ✓"), \(bind: date), \(bind: true))").run()
                try await sql.raw("INSERT INTO t (id, text, at) VALUES (2, NULL, 'yesterday')").run()
            }
            let rows = try await engine.withConnection { sql in
                try await sql.fetchAll("SELECT * FROM t ORDER BY id", table: "t") { $0 }
            }
            try #require(rows.count == 2)
            #expect(try rows[0].string("text") == "é ✓")
            #expect(try rows[0].date("at") == date)
            #expect(try rows[0].bool("flag") == true)
            #expect(try rows[0].int("id") == 1)
            #expect(try rows[1].optionalString("text") == nil)
            #expect(try rows[1].optionalInt("flag") == nil)
            // Text where a date belongs, and a column the query did not select, are corrupt rows
            // naming the table and the column.
            for column in ["at", "missing"] {
                let error = #expect(throws: StorageError.self) { _ = try rows[1].date(column) }
                guard case .corruptRow(let table, let named, _)? = error else {
                    Issue.record("expected a corrupt row, got \(String(describing: error))")
                    continue
                }
                #expect(table == "t")
                #expect(named == column)
            }
            // One table's part of a joined row: the prefix is put before every name it reads.
            let joined = try await engine.withConnection { sql in
                try await sql.fetchAll("SELECT id AS x_id, text AS x_text FROM t WHERE id = 1", table: "joined") { $0 }
            }
            let part = try #require(joined.first).part(table: "t", prefix: "x_")
            #expect(try part.int("id") == 1)
            #expect(try part.string("text") == "é ✓")
            #expect(throws: StorageError.self) { try part.string("at") }
            // The single-bind form of a query reads the same row as its serialised form.
            let byText = try await engine.withConnection { sql in
                try await sql.fetchOne(OneBindQuery(head: "SELECT text FROM t WHERE id = "), binding: "1", table: "t") { try $0.string("text") }
            }
            #expect(byText == "é ✓")
        }
    }

    /// A mapping over `ColumnReading`, as the token lookups write theirs: run in place on the
    /// statement by `fetchOne(_:binding:table:as:)`, and through `RowReader` below to compare.
    private enum IDAndDate: RowMapping {
        static func map<Row: ColumnReading & ~Copyable>(_ row: borrowing Row) throws -> [String?] {
            [
                try row.optionalID("text", at: 0, as: UserID.self)?.description, try row.optionalDate("at", at: 1).map { "\($0.timeIntervalSince1970)" },
                try row.optionalString("text", at: nil),
            ]
        }
    }

    private enum RequiredID: RowMapping {
        static func map<Row: ColumnReading & ~Copyable>(_ row: borrowing Row) throws -> UserID {
            try row.id("text", at: nil, as: UserID.self)
        }
    }

    private enum MissingColumn: RowMapping {
        static func map<Row: ColumnReading & ~Copyable>(_ row: borrowing Row) throws -> Date {
            try row.date("missing", at: nil)
        }
    }

    @Test("a row read in place on the statement reads what RowReader reads, and names the column a value does not fit")
    func rowReadInPlace() async throws {
        try await withDatabase { engine, _ in
            let id = UserID(date: Date(timeIntervalSince1970: 1_732_000_000))
            let date = Date(timeIntervalSince1970: 1_732_000_000.25)
            try await engine.withTransaction { sql in
                // Lower case: a ULID is read without regard to case, and printed in upper case.
                try await sql.raw("INSERT INTO t (id, text, at) VALUES (1, \(bind: id.description.lowercased()), \(bind: date))").run()
                try await sql.raw("INSERT INTO t (id, text, at) VALUES (2, 'not-a-ulid', 'yesterday')").run()
                try await sql.raw("INSERT INTO t (id, text, at) VALUES (3, NULL, NULL)").run()
            }
            let query = OneBindQuery(head: "SELECT text, at FROM t WHERE id = ")
            func inPlace<M: RowMapping>(_ key: String, _ mapping: M.Type) async throws -> M.Value? where M.Value: Sendable {
                try await engine.withConnection { sql in try await sql.fetchOne(query, binding: key, table: "t", as: mapping) }
            }
            func throughRowReader<M: RowMapping>(_ key: String, _ mapping: M.Type) async throws -> M.Value? where M.Value: Sendable {
                try await engine.withConnection { sql in
                    try await sql.fetchOne("SELECT text, at FROM t WHERE id = \(bind: key)", table: "t") { try mapping.map($0) }
                }
            }
            #expect(try await inPlace("1", IDAndDate.self) == [id.description, "\(date.timeIntervalSince1970)", id.description.lowercased()])
            #expect(try await inPlace("1", IDAndDate.self) == (try await throughRowReader("1", IDAndDate.self)))
            #expect(try await inPlace("3", IDAndDate.self) == [nil, nil, nil])
            #expect(try await inPlace("3", IDAndDate.self) == (try await throughRowReader("3", IDAndDate.self)))
            #expect(try await inPlace("4", IDAndDate.self) == nil)
            #expect(try await inPlace("1", RequiredID.self) == id)
            // Not a ULID, NULL where an ID must be, and a column the query did not select: each a
            // corrupt row naming the table and the column, read either way.
            let failures: [(String, String, () async throws -> Void)] = [
                ("2", "text", { _ = try await inPlace("2", RequiredID.self) }),
                ("2", "text", { _ = try await inPlace("2", IDAndDate.self) }),
                ("3", "text", { _ = try await inPlace("3", RequiredID.self) }),
                ("1", "missing", { _ = try await inPlace("1", MissingColumn.self) }),
                ("2", "text", { _ = try await throughRowReader("2", RequiredID.self) }),
                ("3", "text", { _ = try await throughRowReader("3", RequiredID.self) }),
            ]
            var reasons: [String] = []
            for (key, column, read) in failures {
                let error = await #expect(throws: StorageError.self, "row \(key)") { try await read() }
                guard case .corruptRow(let table, let named, let reason)? = error else {
                    Issue.record("row \(key): expected a corrupt row, got \(String(describing: error))")
                    continue
                }
                #expect(table == "t")
                #expect(named == column)
                reasons.append(reason)
            }
            // The same failures read both ways give the same reasons.
            try #require(reasons.count == failures.count)
            #expect(reasons[0] == "not a ULID: not-a-ulid")
            #expect(reasons[0] == reasons[4])
            #expect(reasons[2] == reasons[5])
        }
    }

    @Test("a prefixed column is found by its bytes; the first of repeated names wins, as unprefixed")
    func prefixedColumnLookup() {
        let columns = SQLiteColumns(names: ["id", "x_id", "y_id", "x_ab", "xa_b", "x_id", "é_t"], reprepareCount: 0)
        #expect(columns.index(of: "id", prefix: "") == 0)
        #expect(columns.index(of: "id", prefix: "x_") == 1)
        #expect(columns.index(of: "id", prefix: "y_") == 2)
        #expect(columns.index(of: "ab", prefix: "x_") == 3)
        // The same joined name split elsewhere is still that name.
        #expect(columns.index(of: "b", prefix: "xa_") == 4)
        #expect(columns.index(of: "t", prefix: "é_") == 6)
        #expect(columns.index(of: "id", prefix: "z_") == nil)
        #expect(columns.index(of: "i", prefix: "x_") == nil)
        #expect(columns.index(of: "idd", prefix: "x_") == nil)
    }

    @Test("queries written once find their own cached statements, also after a schema change")
    func fixedQueriesKeepTheirOwnStatements() async throws {
        try await withDatabase { engine, _ in
            try await engine.withTransaction { sql in
                try await sql.raw("INSERT INTO t (id, text) VALUES (1, 'a'), (2, 'b')").run()
            }
            let textByID = OneBindQuery(head: "SELECT * FROM t WHERE id = ")
            let idByText = OneBindQuery(head: "SELECT id AS v FROM t WHERE text = ")
            // Twice each on one connection: the second round is served from the statement cache.
            for _ in 0..<2 {
                let (text, id, missing) = try await engine.withTransaction { sql in
                    (try await sql.fetchOne(textByID, binding: "1", table: "t") { try $0.string("text") },
                     try await sql.fetchOne(idByText, binding: "b", table: "t") { try $0.int("v") },
                     try await sql.fetchOne(textByID, binding: "3", table: "t") { try $0.string("text") })
                }
                #expect(text == "a")
                #expect(id == 2)
                #expect(missing == nil)
            }
            try await engine.withTransaction { sql in
                try await sql.raw("ALTER TABLE t ADD COLUMN extra TEXT NOT NULL DEFAULT 'new'").run()
            }
            let extra = try await engine.withTransaction { sql in
                try await sql.fetchOne(textByID, binding: "2", table: "t") { try $0.string("extra") }
            }
            #expect(extra == "new")
        }
    }

    @Test("every parameter must get a value: none is left over from the statement's last run")
    func everyParameterBound() async throws {
        try await withDatabase { engine, _ in
            let (sum, missing) = try await engine.withConnection { sql in
                let direct = try #require(sql as? SQLiteDirectDatabase)
                let sum = try direct.rows(sql: "SELECT ?1 + ?2 AS n", binds: [.integer(1), .integer(2)]).first?.decode(column: "n", as: Int.self)
                // The same cached statement with one value short is refused, not run with the old 2.
                let missing = #expect(throws: SQLiteDriverError.self) {
                    try direct.rows(sql: "SELECT ?1 + ?2 AS n", binds: [.integer(5)])
                }
                return (sum, missing)
            }
            #expect(sum == 3)
            #expect(missing?.primaryCode == SQLITE_RANGE)
            let again = try await engine.withConnection { sql in
                try (sql as? SQLiteDirectDatabase)?.rows(sql: "SELECT ?1 + ?2 AS n", binds: [.integer(5), .integer(6)]).first?.decode(column: "n", as: Int.self)
            }
            #expect(again == 11)
        }
    }

    @Test("dates, booleans and integers read back as written")
    func valuesRoundTrip() async throws {
        try await withDatabase { engine, _ in
            let date = Date(timeIntervalSince1970: 1_732_000_000.123456)
            try await engine.withTransaction { sql in
                try await sql.raw("INSERT INTO t (id, text, at, flag) VALUES (\(bind: 7), \(bind: "é ✓"), \(bind: date), \(bind: true))").run()
            }
            let row = try #require(try await engine.withConnection { sql in try await sql.raw("SELECT * FROM t").first() })
            #expect(try row.decode(column: "id", as: Int.self) == 7)
            #expect(try row.decode(column: "text", as: String.self) == "é ✓")
            #expect(try row.decode(column: "at", as: Date.self) == date)
            #expect(try row.decode(column: "flag", as: Bool.self) == true)
            #expect(try row.decode(column: "text", as: String?.self) == "é ✓")
            #expect(throws: (any Error).self) { try row.decode(column: "text", as: Int.self) }
            #expect(throws: (any Error).self) { try row.decode(column: "no_such_column", as: String.self) }
        }
    }

    @Test("SQL text holding a second statement is refused, not half run")
    func secondStatementRefused() async throws {
        try await withDatabase { engine, _ in
            await #expect(throws: SQLiteDriverError.self) {
                try await engine.withTransaction { sql in
                    try await sql.raw("INSERT INTO t (id) VALUES (1); DELETE FROM t").run()
                }
            }
            let count = try await engine.withConnection { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM t").first()?.decode(column: "n", as: Int.self)
            }
            #expect(count == 0)
        }
    }

    @Test("a failed transaction leaves nothing behind and a duplicate is a unique violation")
    func rollbackAndUniqueViolation() async throws {
        try await withDatabase { engine, _ in
            do {
                try await engine.withTransaction { sql in
                    try await sql.raw("INSERT INTO t (id, text) VALUES (3, 'b')").run()
                    try await sql.raw("INSERT INTO t (id, text) VALUES (4, 'b')").run()
                }
                Issue.record("the duplicate was accepted")
            } catch {
                guard case StorageError.uniqueViolation = engine.translate(error) else {
                    Issue.record("expected a unique violation, got \(error)")
                    return
                }
            }
            let count = try await engine.withConnection { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM t").first()?.decode(column: "n", as: Int.self)
            }
            #expect(count == 0)
            // The writer is free again: the next transaction commits.
            try await engine.withTransaction { sql in try await sql.raw("INSERT INTO t (id, text) VALUES (5, 'b')").run() }
        }
    }

    @Test("many concurrent readers beside a writer all see committed rows")
    func concurrentReaders() async throws {
        try await withDatabase { engine, _ in
            try await engine.withTransaction { sql in
                for id in 1...50 { try await sql.raw("INSERT INTO t (id) VALUES (\(bind: id))").run() }
            }
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<64 {
                    group.addTask {
                        try await engine.withConnection { sql in
                            try await sql.raw("SELECT COUNT(*) AS n FROM t").first()?.decode(column: "n", as: Int.self) ?? -1
                        }
                    }
                }
                group.addTask {
                    try await engine.withTransaction { sql in try await sql.raw("UPDATE t SET flag = 1").run() }
                    return 50
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(counts.count == 65)
            #expect(counts.allSatisfy { $0 == 50 })
        }
    }

    @Test("a cached SELECT * sees a column added after it was first run")
    func schemaChangeUnderCachedStatement() async throws {
        try await withDatabase { engine, _ in
            try await engine.withTransaction { sql in
                try await sql.raw("INSERT INTO t (id, text) VALUES (1, 'a')").run()
                // Compiled and cached on the writer connection, before the schema changes.
                _ = try await sql.raw("SELECT * FROM t WHERE id = 1").first()
                try await sql.raw("ALTER TABLE t ADD COLUMN extra TEXT NOT NULL DEFAULT 'new'").run()
            }
            let row = try await engine.withTransaction { sql in try await sql.raw("SELECT * FROM t WHERE id = 1").first() }
            #expect(try row?.decode(column: "extra", as: String.self) == "new")
            #expect(try row?.decode(column: "text", as: String.self) == "a")
        }
    }

    @Test("after close, reads and writes are refused as unavailable")
    func closedIsUnavailable() async throws {
        try await withDatabase { engine, _ in
            await engine.close()
            await #expect(throws: StorageError.self) {
                try await engine.withConnection { sql in try await sql.raw("SELECT 1 AS one").first() != nil }
            }
            await #expect(throws: StorageError.self) {
                try await engine.withTransaction { sql in try await sql.raw("INSERT INTO t (id) VALUES (1)").run() }
            }
        }
    }
}
