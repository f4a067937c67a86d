import Foundation
import SQLKit
import SesameModel

struct SQLPersonalSessionRepository: PersonalSessionRepository {
    let sql: any SQLDatabase

    func add(_ session: PersonalSession) async throws {
        // Exactly one owner column is set; the table's CHECK constraint enforces the same.
        let (ownerUserID, ownerClientID): (String?, String?) =
            switch session.owner {
            case .user(let userID): (userID.description, nil)
            case .client(let clientID): (nil, clientID.description)
            }
        try await sql.execute("""
            INSERT INTO personal_sessions (id, owner_user_id, owner_client_id, actor_user_id, human_name, scope, created_at,
                                           revoked_at, user_agent, last_active_at, last_active_ip)
            VALUES (\(bind: session.id.description), \(bind: ownerUserID), \(bind: ownerClientID),
                    \(bind: session.actorUserID.description), \(bind: session.humanName), \(bind: session.scope.description),
                    \(bind: session.createdAt), \(bind: session.revokedAt), \(bind: session.activity.userAgent),
                    \(bind: session.activity.lastActiveAt), \(bind: session.activity.lastActiveIP))
            """)
    }

    func find(id: PersonalSessionID) async throws -> PersonalSession? {
        try await sql.fetchOne("SELECT * FROM personal_sessions WHERE id = \(bind: id.description)", table: "personal_sessions", Self.session)
    }

    func list(actor actorUserID: UserID) async throws -> [PersonalSession] {
        // ULIDs sort by creation time, so descending IDs are newest first.
        try await sql.fetchAll(
            "SELECT * FROM personal_sessions WHERE actor_user_id = \(bind: actorUserID.description) ORDER BY id DESC",
            table: "personal_sessions", Self.session
        )
    }

    func revoke(id: PersonalSessionID, at date: Date) async throws {
        // Revoking twice keeps the first time.
        try await sql.execute("""
            UPDATE personal_sessions SET revoked_at = \(bind: date) WHERE id = \(bind: id.description) AND revoked_at IS NULL
            """)
    }

    func recordActivity(id: PersonalSessionID, at date: Date, ip: String?) async throws {
        try await sql.execute("""
            UPDATE personal_sessions SET last_active_at = \(bind: date), last_active_ip = COALESCE(\(bind: ip), last_active_ip)
            WHERE id = \(bind: id.description)
            """)
    }

    static func session(_ row: RowReader) throws -> PersonalSession {
        PersonalSession(
            id: try row.id("id"),
            owner: try owner(row),
            actorUserID: try row.id("actor_user_id"),
            humanName: try row.string("human_name"),
            scope: try row.scope("scope"),
            createdAt: try row.date("created_at"),
            revokedAt: try row.optionalDate("revoked_at"),
            activity: try row.activity()
        )
    }

    private static func owner(_ row: RowReader) throws -> PersonalSessionOwner {
        switch (try row.optionalID("owner_user_id") as UserID?, try row.optionalID("owner_client_id") as ClientID?) {
        case (let userID?, nil): return .user(userID)
        case (nil, let clientID?): return .client(clientID)
        default:
            throw StorageError.corruptRow(
                table: "personal_sessions", column: "owner_user_id",
                reason: "exactly one of owner_user_id and owner_client_id must be set"
            )
        }
    }
}
