import Foundation
import Logging
import SesameAPI
import SesameEmail
import SesameModel
import SesameOAuth
import SesameWeb

/// Mails GraphQL's `resendRecoveryEmail` links through the configured transport, within the same
/// `rate_limiting.account_recovery` limits as the `/recover` page (per address).
struct MailingRecoveryLinkSender: RecoveryLinkSender {
    let mailer: any Mailer
    let composer: MailComposer
    let limits: PairedRateLimiter
    let settings: OAuthSettings
    let serverName: String
    let logger = Logger(label: "sesame.email")

    func mayResend(email: String) -> Bool {
        limits.check(ip: nil, target: email).isAllowed
    }

    func send(secret: String, to email: String, username: String) async -> Bool {
        // The page SesameWeb serves recovery links at (`EmailPaths.recoveryTicket`).
        let link = settings.url("recover/\(secret)")
        let mail = RecoveryLinkMail(to: email, link: link, username: username, serverName: serverName, validMinutes: Int(PasswordRecoveryTicket.lifetime / 60))
        do {
            try await mailer.send(composer.compose(mail))
            return true
        } catch {
            logger.error("sending mail failed", metadata: ["kind": "recovery_link", "error": "\(loggableMailFailure(error, recipient: email))"])
            return false
        }
    }
}
