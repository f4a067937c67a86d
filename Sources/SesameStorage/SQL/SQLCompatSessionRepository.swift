import Foundation
import SQLKit
import SesameModel

struct SQLCompatSessionRepository: CompatSessionRepository {
    let sql: any SQLDatabase

    func add(_ session: CompatSession) async throws {
        try await sql.execute("""
            INSERT INTO compat_sessions (id, user_id, device_id, browser_session_id, is_synapse_admin, created_at, finished_at,
                                         human_name, user_agent, last_active_at, last_active_ip)
            VALUES (\(bind: session.id.description), \(bind: session.userID.description), \(bind: session.deviceID.rawValue),
                    \(bind: session.browserSessionID?.description), \(bind: session.isSynapseAdmin), \(bind: session.createdAt),
                    \(bind: session.finishedAt), \(bind: session.humanName), \(bind: session.activity.userAgent),
                    \(bind: session.activity.lastActiveAt), \(bind: session.activity.lastActiveIP))
            """)
    }

    func find(id: CompatSessionID) async throws -> CompatSession? {
        try await sql.fetchOne("SELECT * FROM compat_sessions WHERE id = \(bind: id.description)", table: "compat_sessions", Self.session)
    }

    func findActive(userID: UserID, deviceID: DeviceID) async throws -> CompatSession? {
        try await sql.fetchOne("""
            SELECT * FROM compat_sessions
            WHERE user_id = \(bind: userID.description) AND device_id = \(bind: deviceID.rawValue) AND finished_at IS NULL
            ORDER BY id DESC LIMIT 1
            """, table: "compat_sessions", Self.session)
    }

    func list(for userID: UserID, activeOnly: Bool) async throws -> [CompatSession] {
        var query: SQLQueryString = "SELECT * FROM compat_sessions WHERE user_id = \(bind: userID.description)"
        if activeOnly { query += " AND finished_at IS NULL" }
        // ULIDs sort by creation time, so descending IDs are newest first.
        query += " ORDER BY id DESC"
        return try await sql.fetchAll(query, table: "compat_sessions", Self.session)
    }

    func finish(id: CompatSessionID, at date: Date) async throws {
        // Finishing twice keeps the first time.
        try await sql.execute("""
            UPDATE compat_sessions SET finished_at = \(bind: date) WHERE id = \(bind: id.description) AND finished_at IS NULL
            """)
    }

    func recordActivity(id: CompatSessionID, at date: Date, ip: String?) async throws {
        // An activity with no known address keeps the last one that was known.
        try await sql.execute("""
            UPDATE compat_sessions SET last_active_at = \(bind: date), last_active_ip = COALESCE(\(bind: ip), last_active_ip)
            WHERE id = \(bind: id.description)
            """)
    }

    func setHumanName(id: CompatSessionID, _ name: String?) async throws {
        try await sql.execute("UPDATE compat_sessions SET human_name = \(bind: name) WHERE id = \(bind: id.description)")
    }

    static func session(_ row: RowReader) throws -> CompatSession {
        let deviceText = try row.string("device_id")
        guard let deviceID = DeviceID(deviceText) else {
            throw StorageError.corruptRow(table: "compat_sessions", column: "device_id", reason: "not a device ID: \(deviceText)")
        }
        return CompatSession(
            id: try row.id("id"),
            userID: try row.id("user_id"),
            deviceID: deviceID,
            browserSessionID: try row.optionalID("browser_session_id"),
            isSynapseAdmin: try row.bool("is_synapse_admin"),
            createdAt: try row.date("created_at"),
            finishedAt: try row.optionalDate("finished_at"),
            humanName: try row.optionalString("human_name"),
            activity: try row.activity()
        )
    }
}
