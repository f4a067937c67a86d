import Foundation
import SQLKit
import SesameModel

struct SQLRegistrationTokenRepository: RegistrationTokenRepository {
    let sql: any SQLDatabase

    func add(_ token: RegistrationToken) async throws {
        try await sql.execute("""
            INSERT INTO registration_tokens (id, token, usage_limit, times_used, created_at, last_used_at, expires_at, revoked_at)
            VALUES (\(bind: token.id.description), \(bind: token.token), \(bind: token.usageLimit), \(bind: token.timesUsed),
                    \(bind: token.createdAt), \(bind: token.lastUsedAt), \(bind: token.expiresAt), \(bind: token.revokedAt))
            """)
    }

    func find(id: RegistrationTokenID) async throws -> RegistrationToken? {
        try await sql.fetchOne("SELECT * FROM registration_tokens WHERE id = \(bind: id.description)", table: "registration_tokens", Self.token)
    }

    func find(token: String) async throws -> RegistrationToken? {
        try await sql.fetchOne("SELECT * FROM registration_tokens WHERE token = \(bind: token)", table: "registration_tokens", Self.token)
    }

    func list(page: PageRequest) async throws -> [RegistrationToken] {
        try await sql.fetchPage(of: "registration_tokens", where: "", page: page, Self.token)
    }

    func count() async throws -> Int {
        try await sql.fetchOne("SELECT COUNT(*) AS n FROM registration_tokens", table: "registration_tokens") { try $0.int("n") } ?? 0
    }

    func setLimits(id: RegistrationTokenID, usageLimit: Int?, expiresAt: Date?) async throws {
        try await sql.execute("""
            UPDATE registration_tokens SET usage_limit = \(bind: usageLimit), expires_at = \(bind: expiresAt)
            WHERE id = \(bind: id.description)
            """)
    }

    func use(id: RegistrationTokenID, at date: Date) async throws -> Bool {
        // The same test as `RegistrationToken.isUsable(at:)`, in the UPDATE itself, so two
        // registrations racing for the last use cannot both win.
        try await sql.updateReturningAny("""
            UPDATE registration_tokens SET times_used = times_used + 1, last_used_at = \(bind: date)
            WHERE id = \(bind: id.description)
              AND revoked_at IS NULL
              AND (expires_at IS NULL OR expires_at > \(bind: date))
              AND (usage_limit IS NULL OR times_used < usage_limit)
            RETURNING id
            """)
    }

    func setRevoked(id: RegistrationTokenID, at date: Date?) async throws {
        try await sql.execute("UPDATE registration_tokens SET revoked_at = \(bind: date) WHERE id = \(bind: id.description)")
    }

    static func token(_ row: RowReader) throws -> RegistrationToken {
        RegistrationToken(
            id: try row.id("id"),
            token: try row.string("token"),
            usageLimit: try row.optionalInt("usage_limit"),
            timesUsed: try row.int("times_used"),
            createdAt: try row.date("created_at"),
            lastUsedAt: try row.optionalDate("last_used_at"),
            expiresAt: try row.optionalDate("expires_at"),
            revokedAt: try row.optionalDate("revoked_at")
        )
    }
}
