import Foundation
import Logging
import SesameEmail
@testable import SesameWeb
import Synchronization
import Testing

/// Review finding: MailOutbox promises to log failures without the recipient, but SMTP errors
/// carry the address (the server's reply to RCPT TO, the address check's message).
@Suite("Review: failed mails are logged without the recipient's address")
struct ReviewMailOutboxTests {
    /// A transport that fails the way an SMTP server refusing the recipient does.
    private struct RefusingMailer: Mailer {
        func send(_ mail: OutgoingMail) async throws {
            throw SMTPError.rejected(command: "RCPT TO", code: 550, message: "5.1.1 <\(mail.to.uppercased())>: Recipient address rejected")
        }
    }

    private struct InvalidAddressMailer: Mailer {
        func send(_ mail: OutgoingMail) async throws {
            throw SMTPError.invalidAddress("\"\(mail.to)\" is not a mail address: only ASCII letters are allowed")
        }
    }

    @Test("a refused recipient and an unusable address both leave the address out of the log line")
    func noAddressInLog() async throws {
        for mailer in [RefusingMailer() as any Mailer, InvalidAddressMailer()] {
            let lines = Lines()
            let outbox = MailOutbox(mailer: mailer, logger: Logger(label: "test") { _ in LineHandler(lines: lines) })
            let sent = await outbox.sendCode("123456", to: "secret.person@example.org", reason: .addEmail, serverName: "example.com")
            #expect(!sent)
            #expect(lines.all.count == 1)
            #expect(lines.all.allSatisfy { !$0.lowercased().contains("secret.person@example.org") })
            #expect(lines.all.allSatisfy { !$0.contains("123456") })
        }
    }
}

private final class Lines: Sendable {
    private let storage = Mutex<[String]>([])
    var all: [String] { storage.withLock { $0 } }
    func append(_ line: String) { storage.withLock { $0.append(line) } }
}

private struct LineHandler: LogHandler {
    let lines: Lines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).map { "\($0.key)=\($0.value)" }
        lines.append(([event.message.description] + fields).joined(separator: " "))
    }
}
