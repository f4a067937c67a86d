// Ceiling server for `make bench`: `sesame-bench-ceiling PORT DB_PATH`.
//   GET /constant       -> "ok"                          (what Hummingbird alone can do)
//   GET /sqlite         -> one indexed read via SQLiteNIO (the ecosystem's SQLite driver: each
//                          statement is handed to its thread pool and back)
//   GET /sqlite-direct  -> the same read through SQLite's C API on the calling thread, with one
//                          prepared statement (the fastest one-read route this machine allows;
//                          SQLiteNIO's vendored SQLite, whose symbols carry a sqlite_nio_ prefix)
//   POST /sqlite-direct-form -> the direct read after collecting a form body and finding `token=`
// Seeds DB_PATH with 10,000 token-shaped rows on first start.
import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import Synchronization
import SQLiteNIO
import VaporCSQLite

let arguments = CommandLine.arguments
guard arguments.count == 3, let port = Int(arguments[1]) else {
    FileHandle.standardError.write("usage: sesame-bench-ceiling PORT DB_PATH\n".data(using: .utf8)!)
    exit(2)
}
let rowCount = 10_000
let path = arguments[2]
// Keys made once, so no route pays for formatting them.
let keys = (0..<rowCount).map { String(format: "%064x", $0) }

/// The next key to read: a shared counter stepped by a prime, so successive reads land all over
/// the table as random ones would. Not `randomElement()`: Swift's system generator is a
/// `getrandom` system call on every draw here, a cost no one-read route should carry.
final class KeyCycle: Sendable {
    private let counter = Atomic<Int>(0)

    func next() -> String {
        let draw = counter.add(1, ordering: .relaxed).newValue
        return keys[draw % rowCount * 7_919 % rowCount]
    }
}
let keyCycle = KeyCycle()
var logger = Logger(label: "ceiling")
logger.logLevel = .warning

let connection: SQLiteConnection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)

/// One statement on the shared connection (typed, so the async overload is the one chosen).
@discardableResult
@Sendable func run(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteRow] {
    try await connection.query(sql, binds)
}

try await run("PRAGMA journal_mode=WAL")
try await run(
    "CREATE TABLE IF NOT EXISTS access_tokens (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, scope TEXT NOT NULL, expires_at REAL NOT NULL)")
let existing = try await run("SELECT count(*) AS n FROM access_tokens")
if (existing.first?.column("n")?.integer ?? 0) < rowCount {
    try await run("BEGIN")
    for index in 0..<rowCount {
        try await run(
            "INSERT OR REPLACE INTO access_tokens VALUES (?, ?, ?, ?)",
            [.text(keys[index]), .text("user\(index)"), .text("urn:matrix:client:api:*"), .float(4_000_000_000)])
    }
    try await run("COMMIT")
}

/// One SQLite connection and its prepared statement, used by one caller at a time.
final class DirectReader: @unchecked Sendable {
    private let lock = NIOLock()
    private var database: OpaquePointer?
    private var statement: OpaquePointer?

    init(path: String) {
        guard sqlite_nio_sqlite3_open_v2(path, &database, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
              sqlite_nio_sqlite3_prepare_v2(database, "SELECT user_id, scope, expires_at FROM access_tokens WHERE token_hash = ?", -1, &statement, nil) == SQLITE_OK
        else { fatalError("cannot open \(path) directly") }
    }

    func userID(forKey key: String) -> String {
        lock.withLock {
            // SQLITE_STATIC (no copy): the key's bytes stay valid until the statement is reset,
            // which happens before `withCString` returns.
            key.withCString { bytes in
                defer { sqlite_nio_sqlite3_reset(statement) }
                _ = sqlite_nio_sqlite3_bind_text(statement, 1, bytes, Int32(key.utf8.count), nil)
                guard sqlite_nio_sqlite3_step(statement) == SQLITE_ROW, let text = sqlite_nio_sqlite3_column_text(statement, 0) else { return "none" }
                return String(cString: text)
            }
        }
    }
}
let direct = DirectReader(path: path)

let router = Router()
router.get("constant") { _, _ in "ok" }
router.get("sqlite") { _, _ -> String in
    let rows = try await run("SELECT user_id, scope, expires_at FROM access_tokens WHERE token_hash = ?", [.text(keyCycle.next())])
    return rows.first?.column("user_id")?.string ?? "none"
}
router.get("sqlite-direct") { _, _ -> String in
    direct.userID(forKey: keyCycle.next())
}
// Not one of the ceilings, a yardstick beside them: the same direct read behind what any
// introspection-shaped request must do first — collect a form body and find its `token` field.
router.post("sqlite-direct-form") { request, _ -> String in
    let body = try await request.body.collect(upTo: 64 * 1024)
    let fields = body.readableBytesView.split(separator: UInt8(ascii: "&"))
    guard fields.contains(where: { $0.starts(with: "token=".utf8) }) else { throw HTTPError(.badRequest) }
    return direct.userID(forKey: keyCycle.next())
}
let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: port)),
    logger: logger
)
try await app.runService()
