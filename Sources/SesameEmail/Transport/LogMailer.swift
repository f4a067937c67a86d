import Logging

/// Development transport: writes each mail (recipient, subject, text body) to the log instead
/// of sending it, so codes and links can be read from the console. Never for production:
/// the body holds verification codes.
public struct LogMailer: Mailer {
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func send(_ mail: OutgoingMail) async throws {
        logger.info("development mail transport (email.transport: log): mail not sent, shown here instead", metadata: [
            "mail_to": "\(mail.to)", "mail_subject": "\(mail.subject)", "mail_text": "\(mail.text)",
        ])
    }
}
