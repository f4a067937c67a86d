import Foundation
import SQLKit
import SesameModel

struct SQLPasswordRecoveryTicketRepository: PasswordRecoveryTicketRepository {
    let sql: any SQLDatabase

    func add(_ ticket: PasswordRecoveryTicket) async throws {
        try await sql.execute("""
            INSERT INTO password_recovery_tickets (id, user_id, email, ticket_hash, created_at, expires_at, used_at)
            VALUES (\(bind: ticket.id.description), \(bind: ticket.userID.description), \(bind: ticket.email), \(bind: ticket.ticketHash),
                    \(bind: ticket.createdAt), \(bind: ticket.expiresAt), \(bind: ticket.usedAt))
            """)
    }

    func find(ticketHash: String) async throws -> PasswordRecoveryTicket? {
        try await sql.fetchOne(
            "SELECT * FROM password_recovery_tickets WHERE ticket_hash = \(bind: ticketHash)", table: "password_recovery_tickets", Self.ticket
        )
    }

    func use(id: PasswordRecoveryTicketID, at date: Date) async throws -> Bool {
        try await sql.updateReturningAny("""
            UPDATE password_recovery_tickets SET used_at = \(bind: date)
            WHERE id = \(bind: id.description) AND used_at IS NULL AND expires_at > \(bind: date)
            RETURNING id
            """)
    }

    static func ticket(_ row: RowReader) throws -> PasswordRecoveryTicket {
        PasswordRecoveryTicket(
            id: try row.id("id"),
            userID: try row.id("user_id"),
            email: try row.string("email"),
            ticketHash: try row.string("ticket_hash"),
            createdAt: try row.date("created_at"),
            expiresAt: try row.date("expires_at"),
            usedAt: try row.optionalDate("used_at")
        )
    }
}
