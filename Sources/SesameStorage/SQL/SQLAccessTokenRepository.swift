import Foundation
import SQLKit
import SesameModel

struct SQLAccessTokenRepository: AccessTokenRepository {
    let sql: any SQLDatabase

    func add(_ token: AccessToken, tokenHash: String) async throws {
        try await sql.execute("""
            INSERT INTO oauth_access_tokens (id, oauth_session_id, token_hash, created_at, expires_at, revoked_at, first_used_at)
            VALUES (\(bind: token.id.description), \(bind: token.sessionID.description), \(bind: tokenHash), \(bind: token.createdAt),
                    \(bind: token.expiresAt), \(bind: token.revokedAt), \(bind: token.firstUsedAt))
            """)
    }

    func find(id: AccessTokenID) async throws -> AccessToken? {
        try await sql.fetchOne("SELECT * FROM oauth_access_tokens WHERE id = \(bind: id.description)", table: "oauth_access_tokens", Self.token)
    }

    func find(tokenHash: String) async throws -> AccessToken? {
        try await sql.fetchOne("SELECT * FROM oauth_access_tokens WHERE token_hash = \(bind: tokenHash)", table: "oauth_access_tokens", Self.token)
    }

    private static let withSession = SQLTokenSessionLookup.Query(table: "oauth_access_tokens", columns: columns)

    func findWithSession(tokenHash: String) async throws -> AccessTokenWithSession? {
        guard let found = try await SQLTokenSessionLookup.find(Self.withSession, tokenHash: tokenHash, in: sql, token: Self.token) else { return nil }
        return AccessTokenWithSession(token: found.token, session: found.session, user: found.user)
    }

    func findGrant(tokenHash: String) async throws -> AccessTokenGrant? {
        try await sql.fetchOne(SQLAccessTokenGrantLookup.query, binding: tokenHash, table: "oauth_access_tokens", as: SQLAccessTokenGrantLookup.self)
    }

    func revoke(id: AccessTokenID, at date: Date) async throws {
        // Revoking again keeps the first revocation time.
        try await sql.execute("""
            UPDATE oauth_access_tokens SET revoked_at = \(bind: date)
            WHERE id = \(bind: id.description) AND revoked_at IS NULL
            """)
    }

    func revokeAll(in sessionID: OAuthSessionID, at date: Date) async throws {
        try await sql.execute("""
            UPDATE oauth_access_tokens SET revoked_at = \(bind: date)
            WHERE oauth_session_id = \(bind: sessionID.description) AND revoked_at IS NULL
            """)
    }

    func markFirstUsed(id: AccessTokenID, at date: Date) async throws {
        try await sql.execute("""
            UPDATE oauth_access_tokens SET first_used_at = \(bind: date)
            WHERE id = \(bind: id.description) AND first_used_at IS NULL
            """)
    }

    /// Every column `token(_:)` reads; the joined lookup selects exactly these.
    static let columns = ["id", "oauth_session_id", "created_at", "expires_at", "revoked_at", "first_used_at"]

    static func token(_ row: RowReader) throws -> AccessToken {
        AccessToken(
            id: try row.id("id"),
            sessionID: try row.id("oauth_session_id"),
            createdAt: try row.date("created_at"),
            expiresAt: try row.optionalDate("expires_at"),
            revokedAt: try row.optionalDate("revoked_at"),
            firstUsedAt: try row.optionalDate("first_used_at")
        )
    }
}
