import Foundation
import SQLKit
import SesameModel

struct SQLCompatAccessTokenRepository: CompatAccessTokenRepository {
    let sql: any SQLDatabase

    func add(_ token: CompatAccessToken, tokenHash: String) async throws {
        try await sql.execute("""
            INSERT INTO compat_access_tokens (id, compat_session_id, token_hash, created_at, expires_at, revoked_at)
            VALUES (\(bind: token.id.description), \(bind: token.sessionID.description), \(bind: tokenHash),
                    \(bind: token.createdAt), \(bind: token.expiresAt), \(bind: token.revokedAt))
            """)
    }

    func find(tokenHash: String) async throws -> CompatAccessToken? {
        try await sql.fetchOne(
            "SELECT * FROM compat_access_tokens WHERE token_hash = \(bind: tokenHash)",
            table: "compat_access_tokens", Self.token
        )
    }

    func revoke(id: CompatAccessTokenID, at date: Date) async throws {
        // Revoking twice keeps the first time.
        try await sql.execute("""
            UPDATE compat_access_tokens SET revoked_at = \(bind: date) WHERE id = \(bind: id.description) AND revoked_at IS NULL
            """)
    }

    func revokeAll(in sessionID: CompatSessionID, at date: Date) async throws {
        try await sql.execute("""
            UPDATE compat_access_tokens SET revoked_at = \(bind: date)
            WHERE compat_session_id = \(bind: sessionID.description) AND revoked_at IS NULL
            """)
    }

    static func token(_ row: RowReader) throws -> CompatAccessToken {
        CompatAccessToken(
            id: try row.id("id"),
            sessionID: try row.id("compat_session_id"),
            createdAt: try row.date("created_at"),
            expiresAt: try row.optionalDate("expires_at"),
            revokedAt: try row.optionalDate("revoked_at")
        )
    }
}
