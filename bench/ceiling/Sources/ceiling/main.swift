// Ceiling server for `make bench`: `ceiling PORT DB_PATH`.
//   GET /constant  -> "ok"                       (what Hummingbird alone can do)
//   GET /sqlite    -> one indexed SQLite read    (what one read per request on a shared connection can do)
// Seeds DB_PATH with 10,000 token-shaped rows on first start.
import Foundation
import Hummingbird
import Logging
import SQLiteNIO

let arguments = CommandLine.arguments
guard arguments.count == 3, let port = Int(arguments[1]) else {
    FileHandle.standardError.write("usage: ceiling PORT DB_PATH\n".data(using: .utf8)!)
    exit(2)
}
let rowCount = 10_000
var logger = Logger(label: "ceiling")
logger.logLevel = .warning

let connection: SQLiteConnection = try await SQLiteConnection.open(storage: .file(path: arguments[2]), logger: logger)

/// One statement on the shared connection (typed, so the async overload is the one chosen).
@discardableResult
func run(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteRow] {
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
            [.text(String(format: "%064x", index)), .text("user\(index)"), .text("urn:matrix:client:api:*"), .float(4_000_000_000)])
    }
    try await run("COMMIT")
}

let router = Router()
router.get("constant") { _, _ in "ok" }
router.get("sqlite") { _, _ -> String in
    let key = String(format: "%064x", Int.random(in: 0..<rowCount))
    let rows = try await run("SELECT user_id, scope, expires_at FROM access_tokens WHERE token_hash = ?", [.text(key)])
    return rows.first?.column("user_id")?.string ?? "none"
}
let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: port)),
    logger: logger
)
try await app.runService()
