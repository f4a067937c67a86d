import Foundation
import SQLKit
import SesameModel

struct SQLRefreshTokenRepository: RefreshTokenRepository {
    let sql: any SQLDatabase

    func add(_ token: RefreshToken, tokenHash: String) async throws {
        try await sql.execute("""
            INSERT INTO oauth_refresh_tokens (
                id, oauth_session_id, oauth_access_token_id, token_hash, created_at, consumed_at, next_refresh_token_id, revoked_at
            ) VALUES (
                \(bind: token.id.description), \(bind: token.sessionID.description), \(bind: token.accessTokenID?.description),
                \(bind: tokenHash), \(bind: token.createdAt), \(bind: token.consumedAt),
                \(bind: token.nextRefreshTokenID?.description), \(bind: token.revokedAt)
            )
            """)
    }

    func find(id: RefreshTokenID) async throws -> RefreshToken? {
        try await sql.fetchOne("SELECT * FROM oauth_refresh_tokens WHERE id = \(bind: id.description)", table: "oauth_refresh_tokens", Self.token)
    }

    func find(tokenHash: String) async throws -> RefreshToken? {
        try await sql.fetchOne("SELECT * FROM oauth_refresh_tokens WHERE token_hash = \(bind: tokenHash)", table: "oauth_refresh_tokens", Self.token)
    }

    func consume(id: RefreshTokenID, next: RefreshTokenID, at date: Date) async throws -> Bool {
        // One conditional UPDATE: of two concurrent uses of the same token, only one matches the row.
        try await sql.updateReturningAny("""
            UPDATE oauth_refresh_tokens SET consumed_at = \(bind: date), next_refresh_token_id = \(bind: next.description)
            WHERE id = \(bind: id.description) AND consumed_at IS NULL AND revoked_at IS NULL
            RETURNING id
            """)
    }

    func revoke(id: RefreshTokenID, at date: Date) async throws -> Bool {
        try await sql.updateReturningAny("""
            UPDATE oauth_refresh_tokens SET revoked_at = \(bind: date)
            WHERE id = \(bind: id.description) AND consumed_at IS NULL AND revoked_at IS NULL
            RETURNING id
            """)
    }

    func replaceNext(of id: RefreshTokenID, expected: RefreshTokenID, with next: RefreshTokenID) async throws -> Bool {
        // Conditional on the successor it had, so of two concurrent retries only one re-points the token.
        try await sql.updateReturningAny("""
            UPDATE oauth_refresh_tokens SET next_refresh_token_id = \(bind: next.description)
            WHERE id = \(bind: id.description) AND next_refresh_token_id = \(bind: expected.description)
            RETURNING id
            """)
    }

    func revokeAll(in sessionID: OAuthSessionID, at date: Date) async throws {
        try await sql.execute("""
            UPDATE oauth_refresh_tokens SET revoked_at = \(bind: date)
            WHERE oauth_session_id = \(bind: sessionID.description) AND consumed_at IS NULL AND revoked_at IS NULL
            """)
    }

    private static let withSession = SQLTokenSessionLookup.Query(table: "oauth_refresh_tokens", columns: columns)

    func findWithSession(tokenHash: String) async throws -> RefreshTokenWithSession? {
        guard let found = try await SQLTokenSessionLookup.find(Self.withSession, tokenHash: tokenHash, in: sql, token: Self.token) else { return nil }
        return RefreshTokenWithSession(token: found.token, session: found.session, user: found.user)
    }

    /// Every column `token(_:)` reads; the joined lookup selects exactly these.
    static let columns = ["id", "oauth_session_id", "oauth_access_token_id", "created_at", "consumed_at", "next_refresh_token_id", "revoked_at"]

    static func token(_ row: RowReader) throws -> RefreshToken {
        RefreshToken(
            id: try row.id("id"),
            sessionID: try row.id("oauth_session_id"),
            accessTokenID: try row.optionalID("oauth_access_token_id"),
            createdAt: try row.date("created_at"),
            consumedAt: try row.optionalDate("consumed_at"),
            nextRefreshTokenID: try row.optionalID("next_refresh_token_id"),
            revokedAt: try row.optionalDate("revoked_at")
        )
    }
}
