import Foundation
import SesameAccounts
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
