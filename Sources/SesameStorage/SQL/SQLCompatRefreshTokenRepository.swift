import Foundation
import SQLKit
import SesameModel

struct SQLCompatRefreshTokenRepository: CompatRefreshTokenRepository {
    let sql: any SQLDatabase

    func add(_ token: CompatRefreshToken, tokenHash: String) async throws {
        try await sql.execute("""
            INSERT INTO compat_refresh_tokens (id, compat_session_id, compat_access_token_id, token_hash, created_at, consumed_at, revoked_at)
            VALUES (\(bind: token.id.description), \(bind: token.sessionID.description), \(bind: token.accessTokenID.description),
                    \(bind: tokenHash), \(bind: token.createdAt), \(bind: token.consumedAt), \(bind: token.revokedAt))
            """)
    }

    func find(tokenHash: String) async throws -> CompatRefreshToken? {
        try await sql.fetchOne(
            "SELECT * FROM compat_refresh_tokens WHERE token_hash = \(bind: tokenHash)",
            table: "compat_refresh_tokens", Self.token
        )
    }

    func consume(id: CompatRefreshTokenID, at date: Date) async throws -> Bool {
        try await sql.updateReturningAny("""
            UPDATE compat_refresh_tokens SET consumed_at = \(bind: date)
            WHERE id = \(bind: id.description) AND consumed_at IS NULL AND revoked_at IS NULL
            RETURNING id
            """)
    }

    func revokeAll(in sessionID: CompatSessionID, at date: Date) async throws {
        try await sql.execute("""
            UPDATE compat_refresh_tokens SET revoked_at = \(bind: date)
            WHERE compat_session_id = \(bind: sessionID.description) AND revoked_at IS NULL
            """)
    }

    static func token(_ row: RowReader) throws -> CompatRefreshToken {
        CompatRefreshToken(
            id: try row.id("id"),
            sessionID: try row.id("compat_session_id"),
            accessTokenID: try row.id("compat_access_token_id"),
            createdAt: try row.date("created_at"),
            consumedAt: try row.optionalDate("consumed_at"),
            revokedAt: try row.optionalDate("revoked_at")
        )
    }
}
