import Foundation
import SesameAccounts
import SesameCrypto
import SesameModel

/// `setPasswordByRecovery`'s input, as MAS's: the secret from the mailed link and the new password.
struct SetPasswordByRecoveryInput: Codable, Sendable {
    let ticket: String
    let newPassword: String
}

/// Password recovery through GraphQL, as MAS's `set_password_by_recovery`: for someone who is not
/// signed in, holding the secret of a recovery link mailed by `/recover`.
extension GraphQLResolver {
    func setPasswordByRecovery(context: GraphQLCaller, arguments: InputArguments<SetPasswordByRecoveryInput>) async throws -> SetPasswordPayload {
        guard case .anonymous = context.requester else { throw GraphQLAPIError("Account recovery is only for anonymous users.") }
        let site = context.environment.site
        guard site.passwordLoginEnabled, site.accountRecoveryAllowed else { return SetPasswordPayload(status: .passwordChangesDisabled) }
        let input = arguments.input
        let strength = PasswordStrength(minimumScore: site.minimumPasswordComplexity)
        // MAS judges the password before the ticket; the username is known only once the ticket is.
        guard strength.problem(with: input.newPassword, username: nil) == nil else { return SetPasswordPayload(status: .invalidNewPassword) }
        switch try await context.accounts.recoveryTicket(secret: input.ticket) {
        // A ticket of a locked or deactivated user is unknown to the recovery service, as on `/recover`.
        case .unknown: return SetPasswordPayload(status: .noSuchRecoveryTicket)
        case .used: return SetPasswordPayload(status: .recoveryTicketAlreadyUsed)
        case .expired: return SetPasswordPayload(status: .expiredRecoveryTicket)
        case .usable(let ticket, let user):
            guard strength.problem(with: input.newPassword, username: user.username.rawValue) == nil else {
                return SetPasswordPayload(status: .invalidNewPassword)
            }
            // Used up or expired between the look-up and now.
            guard try await context.accounts.recoverPassword(ticket: ticket, password: input.newPassword) else {
                return SetPasswordPayload(status: .recoveryTicketAlreadyUsed)
            }
            return SetPasswordPayload(status: .allowed)
        }
    }
}

/// `resendRecoveryEmail`'s input, as MAS's.
struct ResendRecoveryEmailInput: Codable, Sendable {
    let ticket: String
}

enum ResendRecoveryEmailStatus: String, Codable, CaseIterable, Sendable {
    case noSuchRecoveryTicket = "NO_SUCH_RECOVERY_TICKET", rateLimited = "RATE_LIMITED", sent = "SENT"
}

struct ResendRecoveryEmailPayload: Sendable {
    let status: ResendRecoveryEmailStatus
    /// MAS links to its recovery progress page; Sesame has none, so this stays null.
    let progressUrl: String?
}

extension GraphQLResolver {
    /// Mails a fresh recovery link to the address a ticket (usually an expired one) was sent to,
    /// as MAS's `resend_recovery_email` does for someone who opened a stale link.
    func resendRecoveryEmail(context: GraphQLCaller, arguments: InputArguments<ResendRecoveryEmailInput>) async throws -> ResendRecoveryEmailPayload {
        guard context.environment.site.accountRecoveryAllowed else { throw GraphQLAPIError("Account recovery is not allowed on this server") }
        func answer(_ status: ResendRecoveryEmailStatus) -> ResendRecoveryEmailPayload { .init(status: status, progressUrl: nil) }
        let hash = TokenHash(of: arguments.input.ticket).hex
        guard let old = try await context.storage.read({ try await $0.passwordRecoveryTickets.find(ticketHash: hash) }),
              let email = EmailAddress(old.email)
        else { return answer(.noSuchRecoveryTicket) }
        let sender = context.environment.recoveryLinks
        guard sender.mayResend(email: email.rawValue) else { return answer(.rateLimited) }
        // Nil when the address is no longer confirmed on an active account: the old ticket leads nowhere.
        guard let (secret, user) = try await context.accounts.startPasswordRecovery(email: email) else { return answer(.noSuchRecoveryTicket) }
        guard await sender.send(secret: secret, to: email.rawValue, username: user.username.rawValue) else {
            throw GraphQLAPIError("the recovery email could not be sent; try again later")
        }
        return answer(.sent)
    }
}
