import Foundation
import Logging
import SesameEmail
import SesameServer
import Testing

/// The `email` section: MAS's keys, validation, secrets, and the mailer it turns into.
@Suite("Email config")
struct EmailConfigTests {
    let logger = Logger(label: "test")

    private func loadError(_ yaml: String) -> ConfigError? {
        do {
            _ = try ConfigLoader.load(yaml: yaml, source: "c.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test("a MAS smtp section loads and becomes an SMTP mailer with those settings")
    func masSMTPSection() throws {
        let yaml = """
            http:
              public_base: https://auth.example.org/
            email:
              from: '"Example Auth" <auth@example.org>'
              reply_to: '"Support" <support@example.org>'
              transport: smtp
              mode: starttls
              hostname: smtp.example.org
              username: mailer
              password: hunter2
            """
        let loaded = try ConfigLoader.load(yaml: yaml, source: "mas.yaml")
        #expect(loaded.warnings.isEmpty)
        let mailer = try #require(try MailerFactory.mailer(for: loaded.config, logger: logger) as? SMTPMailer)
        #expect(mailer.server.hostname == "smtp.example.org")
        #expect(mailer.server.port == 587)
        #expect(mailer.server.security == .startTLS)
        #expect(mailer.server.credentials == .init(username: "mailer", password: "hunter2"))
        #expect(mailer.server.clientName == "auth.example.org")
        #expect(mailer.from.headerValue == "Example Auth <auth@example.org>")
        #expect(mailer.replyTo?.address == "support@example.org")
    }

    @Test("implicit TLS defaults to port 465 and an explicit port wins", arguments: [("tls", nil, 465), ("tls", 2465, 2465), ("plain", nil, 25)])
    func ports(mode: String, port: Int?, expected: Int) throws {
        let yaml = "email:\n  transport: smtp\n  mode: \(mode)\n  hostname: smtp.example.org\n" + (port.map { "  port: \($0)\n" } ?? "")
        let mailer = try #require(try MailerFactory.mailer(for: ConfigLoader.load(yaml: yaml, source: "c.yaml").config, logger: logger) as? SMTPMailer)
        #expect(mailer.server.port == expected)
    }

    @Test("without an email section mail is dropped, as in MAS")
    func defaultIsBlackhole() throws {
        let config = try ConfigLoader.load(path: nil, environment: [:]).config
        #expect(config.email.transport == .blackhole)
        #expect(try MailerFactory.mailer(for: config, logger: logger) is BlackholeMailer)
    }

    @Test("transport log is Sesame's development transport")
    func logTransport() throws {
        let config = try ConfigLoader.load(yaml: "email:\n  transport: log\n", source: "c.yaml").config
        #expect(try MailerFactory.mailer(for: config, logger: logger) is LogMailer)
    }

    @Test("MAS's sendmail transport is refused with a clear message naming the key and line")
    func sendmailIsNotSupported() {
        guard case .invalid(let key, let line, let reason)? = loadError("email:\n  transport: sendmail\n  command: sendmail\n") else {
            Issue.record("expected an invalid-value error")
            return
        }
        #expect(key == "email.transport")
        #expect(line == 2)
        #expect(reason.contains("sendmail transport is not supported"))
    }

    @Test("smtp needs a hostname")
    func smtpNeedsHostname() {
        guard case .invalid(let key, _, _)? = loadError("email:\n  transport: smtp\n") else {
            Issue.record("expected an invalid-value error")
            return
        }
        #expect(key == "email.hostname")
    }

    @Test("from must be a mailbox", arguments: ["not an address", "\"Name\" <>", "a@b\r\nBcc: x@y.org"])
    func fromMustBeAMailbox(from: String) {
        let yaml = "email:\n  from: \(String(reflecting: from))\n"
        guard case .invalid(let key, _, let reason)? = loadError(yaml) else {
            Issue.record("expected an invalid-value error for \(from)")
            return
        }
        #expect(key == "email.from")
        #expect(reason.contains("<noreply@example.org>"))
    }

    @Test("a username over mode plain needs allow_plaintext_auth")
    func plaintextAuthNeedsOptIn() throws {
        let base = "email:\n  transport: smtp\n  mode: plain\n  hostname: relay\n  username: u\n  password: p\n"
        guard case .invalid(let key, _, _)? = loadError(base) else {
            Issue.record("expected an invalid-value error")
            return
        }
        #expect(key == "email.allow_plaintext_auth")
        let config = try ConfigLoader.load(yaml: base + "  allow_plaintext_auth: true\n", source: "c.yaml").config
        let mailer = try #require(try MailerFactory.mailer(for: config, logger: logger) as? SMTPMailer)
        #expect(mailer.server.allowsPlaintextAuthentication)
    }

    @Test("the password can come from password_file and never shows in a dump")
    func passwordFileAndRedaction() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-password-\(UUID().uuidString)")
        try "from-file\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let yaml = "email:\n  transport: smtp\n  hostname: smtp.example.org\n  username: mailer\n  password_file: \(file.path)\n"
        let config = try ConfigLoader.load(yaml: yaml, source: "c.yaml").config.resolvingSecretFiles()
        #expect(config.email.password == "from-file")
        let mailer = try #require(try MailerFactory.mailer(for: config, logger: logger) as? SMTPMailer)
        #expect(mailer.server.credentials?.password == "from-file")
        #expect(config.redacted().email.password == SesameConfig.redactedValue)
        #expect(!String(describing: mailer.server.credentials).contains("from-file"))
    }

    @Test("password and password_file together are refused")
    func passwordAndFile() {
        guard case .invalid(let key, _, _)? = loadError("email:\n  username: u\n  password: p\n  password_file: /x\n") else {
            Issue.record("expected an invalid-value error")
            return
        }
        #expect(key == "email.password_file")
    }
}
