import Foundation
import SQLKit
import SesameModel

struct SQLUserEmailRepository: UserEmailRepository {
    let sql: any SQLDatabase

    func add(_ email: UserEmail) async throws {
        // email_lower carries the unique constraint and the index, so lookups ignore case.
        try await sql.execute("""
            INSERT INTO user_emails (id, user_id, email, email_lower, created_at, confirmed_at)
            VALUES (\(bind: email.id.description), \(bind: email.userID.description), \(bind: email.email),
                    \(bind: email.email.lowercased()), \(bind: email.createdAt), \(bind: email.confirmedAt))
            """)
    }

    func find(id: UserEmailID) async throws -> UserEmail? {
        try await sql.fetchOne("SELECT * FROM user_emails WHERE id = \(bind: id.description)", table: "user_emails", Self.email)
    }

    func findConfirmed(email: String) async throws -> UserEmail? {
        // Several users may have confirmed the same address; the first to confirm it wins.
        try await sql.fetchOne("""
            SELECT * FROM user_emails
            WHERE email_lower = \(bind: email.lowercased()) AND confirmed_at IS NOT NULL
            ORDER BY confirmed_at, id LIMIT 1
            """, table: "user_emails", Self.email)
    }

    func list(for userID: UserID) async throws -> [UserEmail] {
        try await sql.fetchAll(
            "SELECT * FROM user_emails WHERE user_id = \(bind: userID.description) ORDER BY id",
            table: "user_emails", Self.email
        )
    }

    func markConfirmed(id: UserEmailID, at date: Date) async throws {
        // Confirming again keeps the first confirmation time.
        try await sql.execute("""
            UPDATE user_emails SET confirmed_at = \(bind: date)
            WHERE id = \(bind: id.description) AND confirmed_at IS NULL
            """)
    }

    func remove(id: UserEmailID) async throws {
        try await sql.execute("DELETE FROM user_emails WHERE id = \(bind: id.description)")
    }

    static func email(_ row: RowReader) throws -> UserEmail {
        UserEmail(
            id: try row.id("id"),
            userID: try row.id("user_id"),
            email: try row.string("email"),
            createdAt: try row.date("created_at"),
            confirmedAt: try row.optionalDate("confirmed_at")
        )
    }
}
