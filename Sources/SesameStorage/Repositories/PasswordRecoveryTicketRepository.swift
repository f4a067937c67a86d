import Foundation
import SesameModel

/// Password recovery links (stored as SHA-256 hashes of their secret).
public protocol PasswordRecoveryTicketRepository: Sendable {
    func add(_ ticket: PasswordRecoveryTicket) async throws
    /// The ticket whose secret hashes to `ticketHash`.
    func find(ticketHash: String) async throws -> PasswordRecoveryTicket?
    /// Marks the ticket used if it is unused and unexpired at `date`; false (nothing written) otherwise.
    func use(id: PasswordRecoveryTicketID, at date: Date) async throws -> Bool
}
