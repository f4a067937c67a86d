import Foundation
import SQLKit
import SesameModel

struct SQLBrowserSessionRepository: BrowserSessionRepository {
    let sql: any SQLDatabase

    func add(_ session: BrowserSession) async throws {
        try await sql.execute("""
            INSERT INTO browser_sessions (id, user_id, created_at, finished_at, user_agent, last_active_at, last_active_ip)
            VALUES (\(bind: session.id.description), \(bind: session.userID.description), \(bind: session.createdAt),
                    \(bind: session.finishedAt), \(bind: session.activity.userAgent), \(bind: session.activity.lastActiveAt),
                    \(bind: session.activity.lastActiveIP))
            """)
    }

    func find(id: BrowserSessionID) async throws -> BrowserSession? {
        try await sql.fetchOne("SELECT * FROM browser_sessions WHERE id = \(bind: id.description)", table: "browser_sessions", Self.session)
    }

    func list(for userID: UserID, activeOnly: Bool) async throws -> [BrowserSession] {
        var query: SQLQueryString = "SELECT * FROM browser_sessions WHERE user_id = \(bind: userID.description)"
        if activeOnly { query += " AND finished_at IS NULL" }
        // ULIDs sort by creation time, so descending IDs are newest first.
        query += " ORDER BY id DESC"
        return try await sql.fetchAll(query, table: "browser_sessions", Self.session)
    }

    func finish(id: BrowserSessionID, at date: Date) async throws {
        // Finishing again keeps the first end time.
        try await sql.execute("""
            UPDATE browser_sessions SET finished_at = \(bind: date)
            WHERE id = \(bind: id.description) AND finished_at IS NULL
            """)
    }

    func finishAll(for userID: UserID, at date: Date) async throws {
        try await sql.execute("""
            UPDATE browser_sessions SET finished_at = \(bind: date)
            WHERE user_id = \(bind: userID.description) AND finished_at IS NULL
            """)
    }

    func recordActivity(id: BrowserSessionID, at date: Date, ip: String?) async throws {
        // A use without a known address keeps the last one seen.
        try await sql.execute("""
            UPDATE browser_sessions
            SET last_active_at = \(bind: date), last_active_ip = COALESCE(\(bind: ip), last_active_ip)
            WHERE id = \(bind: id.description)
            """)
    }

    func addAuthentication(_ authentication: Authentication) async throws {
        try await sql.execute("""
            INSERT INTO browser_session_authentications (id, browser_session_id, method, created_at)
            VALUES (\(bind: authentication.id.description), \(bind: authentication.browserSessionID.description),
                    \(bind: authentication.method.rawValue), \(bind: authentication.createdAt))
            """)
    }

    func lastAuthentication(in sessionID: BrowserSessionID) async throws -> Authentication? {
        try await sql.fetchOne("""
            SELECT * FROM browser_session_authentications
            WHERE browser_session_id = \(bind: sessionID.description)
            ORDER BY id DESC LIMIT 1
            """, table: "browser_session_authentications"
        ) { row in
            Authentication(
                id: try row.id("id"),
                browserSessionID: try row.id("browser_session_id"),
                method: try row.enumeration("method"),
                createdAt: try row.date("created_at")
            )
        }
    }

    static func session(_ row: RowReader) throws -> BrowserSession {
        BrowserSession(
            id: try row.id("id"),
            userID: try row.id("user_id"),
            createdAt: try row.date("created_at"),
            finishedAt: try row.optionalDate("finished_at"),
            activity: try row.activity()
        )
    }
}
