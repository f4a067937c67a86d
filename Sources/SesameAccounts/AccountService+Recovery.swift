import Foundation
import SesameCrypto
import SesameModel
import SesameStorage

/// Password recovery by a link mailed to a confirmed address.
extension AccountService {
    /// What a recovery link leads to.
    public enum RecoveryTicketState: Sendable {
        case usable(PasswordRecoveryTicket, User)
        case used
        case expired
        case unknown
    }

    /// For an active user who confirmed `email`: a new ticket, and the secret to put in the link
    /// (only its hash is stored). Nil when nobody may recover through this address — the caller
    /// answers the same either way, so the page reveals nothing.
    public func startPasswordRecovery(email: EmailAddress) async throws -> (secret: String, user: User)? {
        let found: User? = try await storage.read { repositories in
            guard let address = try await repositories.emails.findConfirmed(email: email.rawValue),
                  let user = try await repositories.users.find(id: address.userID), user.isActive
            else { return nil }
            return user
        }
        guard let user = found else { return nil }
        let secret = Self.makeRecoverySecret()
        let now = clock.now()
        let ticket = PasswordRecoveryTicket(
            id: PasswordRecoveryTicketID(date: now), userID: user.id, email: email.rawValue, ticketHash: TokenHash(of: secret).hex,
            createdAt: now, expiresAt: now.addingTimeInterval(PasswordRecoveryTicket.lifetime)
        )
        try await storage.transaction { try await $0.passwordRecoveryTickets.add(ticket) }
        return (secret, user)
    }

    /// 32 random alphanumerics (about 190 bits) for the link.
    static func makeRecoverySecret() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// The state of the ticket whose link carries `secret`.
    public func recoveryTicket(secret: String) async throws -> RecoveryTicketState {
        let found: (PasswordRecoveryTicket, User)? = try await storage.read { repositories in
            guard let ticket = try await repositories.passwordRecoveryTickets.find(ticketHash: TokenHash(of: secret).hex),
                  let user = try await repositories.users.find(id: ticket.userID),
                  // As in MAS (the ticket dies with its address): a link mailed to an address the
                  // user has since removed, say one they lost control of, no longer sets a password.
                  try await repositories.emails.list(for: user.id)
                      .contains(where: { $0.confirmedAt != nil && $0.email.lowercased() == ticket.email.lowercased() })
            else { return nil }
            return (ticket, user)
        }
        guard let (ticket, user) = found, user.isActive else { return .unknown }
        if ticket.usedAt != nil { return .used }
        if !ticket.isUsable(at: clock.now()) { return .expired }
        return .usable(ticket, user)
    }

    /// Sets `password` for the ticket's user, uses the ticket up, and ends every browser session
    /// of the user (whoever reset the password signs in afresh). False when the ticket was used
    /// or expired meanwhile.
    public func recoverPassword(ticket: PasswordRecoveryTicket, password: String) async throws -> Bool {
        if password.isEmpty { throw AccountError.emptyPassword }
        let hashed = try await hasher.hash(password)
        let now = clock.now()
        return try await storage.transaction { repositories in
            guard try await repositories.passwordRecoveryTickets.use(id: ticket.id, at: now) else { return false }
            try await repositories.passwords.add(UserPassword(
                id: UserPasswordID(date: now), userID: ticket.userID, hashedPassword: hashed.hash, schemeVersion: hashed.version, createdAt: now
            ))
            try await repositories.browserSessions.finishAll(for: ticket.userID, at: now)
            return true
        }
    }
}
