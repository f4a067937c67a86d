import Foundation
import Logging
import SesameEmail

/// Composes and sends the mails the pages trigger (codes, recovery links) through the configured
/// transport. Failures are logged without the recipient or the content, and reported to the caller.
public struct MailOutbox: Sendable {
    let mailer: any Mailer
    let composer: MailComposer
    let logger: Logger

    /// An outbox over `mailer` with the bundled templates.
    public init(mailer: any Mailer, logger: Logger = Logger(label: "sesame.email")) {
        self.mailer = mailer
        self.logger = logger
        do {
            composer = try MailComposer()
        } catch {
            fatalError("SesameEmail resources are broken: \(error)")
        }
    }

    /// Sends `mail`; false (and one log line) when the transport failed.
    func send(_ mail: OutgoingMail, kind: String) async -> Bool {
        do {
            try await mailer.send(mail)
            return true
        } catch {
            logger.error("sending mail failed", metadata: ["kind": "\(kind)", "error": "\(Self.withoutRecipient(error, mail.to))"])
            return false
        }
    }

    /// `error` as text with the recipient's address taken out (see `loggableMailFailure`).
    static func withoutRecipient(_ error: any Error, _ recipient: String) -> String {
        loggableMailFailure(error, recipient: recipient)
    }

    /// Mails a verification code.
    func sendCode(_ code: String, to email: String, reason: VerificationCodeMail.Reason, serverName: String) async -> Bool {
        await send(composer.compose(VerificationCodeMail(to: email, code: code, reason: reason, serverName: serverName)), kind: "verification_code")
    }

    /// Mails a recovery link.
    func sendRecoveryLink(_ link: String, to email: String, username: String, serverName: String, validMinutes: Int) async -> Bool {
        await send(
            composer.compose(RecoveryLinkMail(to: email, link: link, username: username, serverName: serverName, validMinutes: validMinutes)),
            kind: "recovery_link"
        )
    }
}

/// The mailer used when none is given: drops every mail.
struct DroppingMailer: Mailer {
    func send(_ mail: OutgoingMail) async throws {}
}
