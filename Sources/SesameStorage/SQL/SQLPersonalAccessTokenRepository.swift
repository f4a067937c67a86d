import Foundation
import SQLKit
import SesameModel

struct SQLPersonalAccessTokenRepository: PersonalAccessTokenRepository {
    let sql: any SQLDatabase

    func add(_ token: PersonalAccessToken, tokenHash: String) async throws {
        try await sql.execute("""
            INSERT INTO personal_access_tokens (id, personal_session_id, token_hash, created_at, expires_at, revoked_at)
            VALUES (\(bind: token.id.description), \(bind: token.sessionID.description), \(bind: tokenHash),
                    \(bind: token.createdAt), \(bind: token.expiresAt), \(bind: token.revokedAt))
            """)
    }

    func find(tokenHash: String) async throws -> PersonalAccessToken? {
        try await sql.fetchOne(
            "SELECT * FROM personal_access_tokens WHERE token_hash = \(bind: tokenHash)",
            table: "personal_access_tokens", Self.token
        )
    }

    func active(in sessionID: PersonalSessionID) async throws -> PersonalAccessToken? {
        // ULIDs sort by creation time, so the highest ID is the newest token.
        try await sql.fetchOne("""
            SELECT * FROM personal_access_tokens
            WHERE personal_session_id = \(bind: sessionID.description) AND revoked_at IS NULL
            ORDER BY id DESC LIMIT 1
            """, table: "personal_access_tokens", Self.token)
    }

    func revokeAll(in sessionID: PersonalSessionID, at date: Date) async throws {
        try await sql.execute("""
            UPDATE personal_access_tokens SET revoked_at = \(bind: date)
            WHERE personal_session_id = \(bind: sessionID.description) AND revoked_at IS NULL
            """)
    }

    static func token(_ row: RowReader) throws -> PersonalAccessToken {
        PersonalAccessToken(
            id: try row.id("id"),
            sessionID: try row.id("personal_session_id"),
            createdAt: try row.date("created_at"),
            expiresAt: try row.optionalDate("expires_at"),
            revokedAt: try row.optionalDate("revoked_at")
        )
    }
}
