import Foundation
import Logging
import SesameEmail
import SesameModel

/// Turns the `email` section into the transport the pages send through.
public enum MailerFactory {
    /// The configured mailer. Secret files must already be resolved (`resolvingSecretFiles()`).
    public static func mailer(for config: SesameConfig, clock: any WallClock = SystemWallClock(), logger: Logger) throws(ConfigError) -> any Mailer {
        let email = config.email
        switch email.transport {
        case .blackhole:
            return BlackholeMailer(logger: logger)
        case .log:
            logger.warning("email.transport is log: mails are written to the log instead of being sent (development only)")
            return LogMailer(logger: logger)
        case .smtp:
            guard let hostname = email.hostname, !hostname.isEmpty else {
                throw .invalid(key: "email.hostname", line: nil, reason: "the smtp transport needs a hostname")
            }
            var credentials: SMTPServerSettings.Credentials?
            if let username = email.username {
                guard let password = email.password else {
                    throw .invalid(key: "email.password", line: nil, reason: "a username needs password or password_file")
                }
                credentials = .init(username: username, password: password)
            }
            let settings = SMTPServerSettings(
                hostname: hostname, port: email.port, security: email.mode.security, credentials: credentials,
                allowsPlaintextAuthentication: email.allowPlaintextAuth, trustedCertificatesFile: email.caFile,
                // RFC 5321 §4.1.1.1: EHLO names this host; the public host name is the best we know.
                clientName: URL(string: config.http.publicBase)?.host ?? "localhost"
            )
            return SMTPMailer(server: settings, from: try mailbox(email.from, key: "email.from"),
                              replyTo: try email.replyTo.map { text throws(ConfigError) in try mailbox(text, key: "email.reply_to") },
                              clock: clock, logger: logger)
        }
    }

    private static func mailbox(_ text: String, key: String) throws(ConfigError) -> Mailbox {
        do {
            return try Mailbox(parsing: text)
        } catch {
            throw .invalid(key: key, line: nil, reason: error.description)
        }
    }
}
