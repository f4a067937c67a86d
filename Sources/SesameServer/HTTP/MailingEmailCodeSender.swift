import Logging
import SesameAPI
import SesameEmail
import SesameModel
import SesameWeb

/// Mails GraphQL's email authentication codes through the configured transport, within the same
/// `rate_limiting.email_authentication` limits as the account pages (per address and per user).
struct MailingEmailCodeSender: EmailCodeSender {
    let mailer: any Mailer
    let composer: MailComposer
    let limits: PairedRateLimiter
    let serverName: String
    let logger = Logger(label: "sesame.email")

    func mayStart(email: String, userID: UserID) -> Bool {
        limits.check(ip: nil, target: email).isAllowed && limits.check(ip: nil, target: "user:\(userID)").isAllowed
    }

    func send(code: String, to email: String) async -> Bool {
        do {
            try await mailer.send(composer.compose(VerificationCodeMail(to: email, code: code, reason: .addEmail, serverName: serverName)))
            return true
        } catch {
            logger.error("sending mail failed", metadata: ["kind": "verification_code", "error": "\(loggableMailFailure(error, recipient: email))"])
            return false
        }
    }
}
