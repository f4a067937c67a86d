import Foundation
import SQLKit
import SesameModel

struct SQLOAuthSessionRepository: OAuthSessionRepository {
    let sql: any SQLDatabase

    func add(_ session: OAuthSession) async throws {
        try await sql.execute("""
            INSERT INTO oauth_sessions (
                id, client_id, user_id, browser_session_id, scope, created_at, finished_at, human_name,
                user_agent, last_active_at, last_active_ip
            ) VALUES (
                \(bind: session.id.description), \(bind: session.clientID.description), \(bind: session.userID?.description),
                \(bind: session.browserSessionID?.description), \(bind: session.scope.description), \(bind: session.createdAt),
                \(bind: session.finishedAt), \(bind: session.humanName), \(bind: session.activity.userAgent),
                \(bind: session.activity.lastActiveAt), \(bind: session.activity.lastActiveIP)
            )
            """)
    }

    func find(id: OAuthSessionID) async throws -> OAuthSession? {
        try await sql.fetchOne("SELECT * FROM oauth_sessions WHERE id = \(bind: id.description)", table: "oauth_sessions", Self.session)
    }

    func list(for userID: UserID, activeOnly: Bool) async throws -> [OAuthSession] {
        var query: SQLQueryString = "SELECT * FROM oauth_sessions WHERE user_id = \(bind: userID.description)"
        if activeOnly { query += " AND finished_at IS NULL" }
        // ULIDs sort by creation time, so descending IDs are newest first.
        query += " ORDER BY id DESC"
        return try await sql.fetchAll(query, table: "oauth_sessions", Self.session)
    }

    func finish(id: OAuthSessionID, at date: Date) async throws {
        // Finishing again keeps the first end time.
        try await sql.execute("""
            UPDATE oauth_sessions SET finished_at = \(bind: date)
            WHERE id = \(bind: id.description) AND finished_at IS NULL
            """)
    }

    func recordActivity(id: OAuthSessionID, at date: Date, ip: String?) async throws {
        // A use without a known address keeps the last one seen.
        try await sql.execute("""
            UPDATE oauth_sessions
            SET last_active_at = \(bind: date), last_active_ip = COALESCE(\(bind: ip), last_active_ip)
            WHERE id = \(bind: id.description)
            """)
    }

    func setHumanName(id: OAuthSessionID, _ name: String?) async throws {
        try await sql.execute("UPDATE oauth_sessions SET human_name = \(bind: name) WHERE id = \(bind: id.description)")
    }

    /// Every column `session(_:)` reads; joined lookups (`SQLAccessTokenRepository.findWithSession`)
    /// select exactly these, so a column added to the mapper must be added here too.
    static let columns = [
        "id", "client_id", "user_id", "browser_session_id", "scope", "created_at", "finished_at", "human_name",
        "user_agent", "last_active_at", "last_active_ip",
    ]

    static func session(_ row: RowReader) throws -> OAuthSession {
        OAuthSession(
            id: try row.id("id"),
            clientID: try row.id("client_id"),
            userID: try row.optionalID("user_id"),
            browserSessionID: try row.optionalID("browser_session_id"),
            scope: try row.scope("scope"),
            createdAt: try row.date("created_at"),
            finishedAt: try row.optionalDate("finished_at"),
            humanName: try row.optionalString("human_name"),
            activity: try row.activity()
        )
    }
}
