import ArgumentParser
import Foundation
import Logging
import SesameEmail
import SesameServer

/// `sesame manage send-test-email ADDRESS`: sends a short mail through the configured transport,
/// so an operator can check the `email` section before users depend on it.
struct SendTestEmailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-test-email",
        abstract: "Send a test mail through the configured email transport.",
        discussion: "Exits 0 when the transport accepted the mail, 1 with the reason (such as the SMTP server's reply) when it did not."
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The recipient's address.") var address: String

    func run() async throws {
        try await runReportingFailures {
            let config = try options.loadConfig().resolvingSecretFiles()
            // At info level, so the log transport's line (the point of that transport) shows.
            let logger = options.bootstrapLogging()
            do {
                _ = try Mailbox(parsing: address)
            } catch {
                throw CLIFailure.invalidInput(String(describing: error))
            }
            let mailer = try MailerFactory.mailer(for: config, logger: logger)
            do {
                try await mailer.send(OutgoingMail(
                    to: address, subject: "Sesame test mail",
                    text: "This is a test mail from Sesame at \(config.http.publicBase).\nIf you can read it, the email settings work.\n",
                    html: "<p>This is a test mail from Sesame at \(Self.escapeHTML(config.http.publicBase)).</p>\n<p>If you can read it, the email settings work.</p>\n"
                ))
            } catch let error as SMTPError {
                throw CLIFailure.runtime(error.description)
            }
            printError("test mail handed to the \(config.email.transport.rawValue) transport for \(address)")
        }
    }

    private static func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
