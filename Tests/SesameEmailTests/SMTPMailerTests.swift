import Foundation
import Logging
import SesameModel
import Testing
@testable import SesameEmail

/// The SMTP client against a real SMTP server on loopback (`TestSMTPServer`).
@Suite struct SMTPMailerTests {
    static let sentAt = Date(timeIntervalSince1970: 1_795_482_123)  // Tue, 24 Nov 2026 01:02:03 UTC
    let mail = OutgoingMail(
        to: "alice@example.org", subject: "Vérifiez votre adresse — code 123456",
        text: "Bonjour Alice,\nvotre code est 123456.\n", html: "<p>Bonjour <b>Alice</b>,</p>\n<p>votre code est 123456.</p>"
    )

    func mailer(
        port: Int, security: SMTPServerSettings.Security, credentials: SMTPServerSettings.Credentials? = nil,
        allowsPlaintextAuthentication: Bool = false, caFile: String? = nil, replyTimeout: Duration = .seconds(10)
    ) throws -> SMTPMailer {
        SMTPMailer(
            server: SMTPServerSettings(
                hostname: "localhost", port: port, security: security, credentials: credentials,
                allowsPlaintextAuthentication: allowsPlaintextAuthentication, trustedCertificatesFile: caFile,
                clientName: "sesame.test", connectTimeout: .seconds(5), replyTimeout: replyTimeout
            ),
            from: try Mailbox(parsing: "\"Sesame\" <noreply@example.org>"), replyTo: try Mailbox(parsing: "help@example.org"),
            clock: ManualWallClock(start: Self.sentAt), logger: Logger(label: "test")
        )
    }

    func certificates() throws -> TestCertificates { try TestCertificates.shared.get() }

    @Test func deliversTextAndHTMLWithHeadersOverStartTLSWithAuth() async throws {
        let certs = try certificates()
        let server = try await TestSMTPServer.start(.init(startTLS: certs, credentials: ("mailer", "s3cret pass")))
        defer { Task { await server.stop() } }

        try await mailer(port: server.port, security: .startTLS, credentials: .init(username: "mailer", password: "s3cret pass"), caFile: certs.caFile).send(mail)

        let record = server.received
        #expect(record.sawTLS)
        #expect(record.authenticatedUser == "mailer")
        #expect(record.lines.contains("MAIL FROM:<noreply@example.org>"))
        #expect(record.lines.contains("RCPT TO:<alice@example.org>"))
        #expect(record.lines.last == "QUIT")
        // Commands after STARTTLS come in a fresh EHLO, and AUTH only after TLS.
        let startTLS = try #require(record.lines.firstIndex(of: "STARTTLS"))
        let auth = try #require(record.lines.firstIndex { $0.hasPrefix("AUTH") })
        #expect(record.lines[startTLS + 1] == "EHLO sesame.test")
        #expect(auth > startTLS)

        let received = try ReceivedMail(raw: try #require(record.messages.first))
        #expect(received.header("From") == "Sesame <noreply@example.org>")
        #expect(received.header("Reply-To") == "help@example.org")
        #expect(received.header("To") == "alice@example.org")
        #expect(received.header("Subject") == mail.subject)
        #expect(received.header("Date") == "Tue, 24 Nov 2026 01:02:03 +0000")
        #expect(received.header("MIME-Version") == "1.0")
        #expect(received.header("Message-ID")?.hasSuffix("@example.org>") == true)
        #expect(received.header("Content-Type")?.hasPrefix("multipart/alternative;") == true)
        #expect(received.parts.count == 2)
        #expect(received.part("text/plain")?.replacingOccurrences(of: "\r\n", with: "\n") == mail.text)
        #expect(received.part("text/html")?.replacingOccurrences(of: "\r\n", with: "\n") == mail.html)
        // 7-bit safe: nothing on the wire is outside ASCII, no line is longer than RFC 5322 allows.
        #expect(received.raw.utf8.allSatisfy { $0 < 128 })
        #expect(received.raw.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }

    @Test func dotStuffingRoundTripsLinesStartingWithADot() async throws {
        let server = try await TestSMTPServer.start(.init())
        defer { Task { await server.stop() } }
        let text = "first line\n.\n.hidden? no\n..two dots\nlast line"

        try await mailer(port: server.port, security: .plain).send(OutgoingMail(to: "bob@example.org", subject: "Dots", text: text, html: ".<p>x</p>\n."))

        let received = try ReceivedMail(raw: try #require(server.received.messages.first))
        #expect(received.part("text/plain")?.replacingOccurrences(of: "\r\n", with: "\n") == text)
        #expect(received.part("text/html")?.replacingOccurrences(of: "\r\n", with: "\n") == ".<p>x</p>\n.")
    }

    @Test func implicitTLSDelivers() async throws {
        let certs = try certificates()
        let server = try await TestSMTPServer.start(.init(implicitTLS: certs))
        defer { Task { await server.stop() } }

        try await mailer(port: server.port, security: .implicitTLS, caFile: certs.caFile).send(mail)

        #expect(server.received.sawTLS)
        #expect(server.received.messages.count == 1)
    }

    @Test func refusesToSendThePasswordWithoutTLS() async throws {
        let server = try await TestSMTPServer.start(.init(credentials: ("mailer", "s3cret")))
        defer { Task { await server.stop() } }

        await #expect(throws: SMTPError.plaintextAuthenticationRefused) {
            try await mailer(port: server.port, security: .plain, credentials: .init(username: "mailer", password: "s3cret")).send(mail)
        }
        #expect(!server.received.lines.contains { $0.hasPrefix("AUTH") })
        #expect(server.received.messages.isEmpty)
    }

    @Test func plaintextAuthenticationWhenExplicitlyAllowedUsesLOGINIfThatIsAllThereIs() async throws {
        let server = try await TestSMTPServer.start(.init(authMechanisms: ["LOGIN"], credentials: ("mailer", "s3cret")))
        defer { Task { await server.stop() } }

        try await mailer(port: server.port, security: .plain, credentials: .init(username: "mailer", password: "s3cret"), allowsPlaintextAuthentication: true).send(mail)

        #expect(server.received.lines.contains("AUTH LOGIN"))
        #expect(server.received.authenticatedUser == "mailer")
        #expect(server.received.messages.count == 1)
    }

    @Test func wrongPasswordNamesTheReplyButNotThePassword() async throws {
        let certs = try certificates()
        let server = try await TestSMTPServer.start(.init(startTLS: certs, credentials: ("mailer", "right")))
        defer { Task { await server.stop() } }

        let error = await #expect(throws: SMTPError.self) {
            try await mailer(port: server.port, security: .startTLS, credentials: .init(username: "mailer", password: "wrong-password"), caFile: certs.caFile).send(mail)
        }
        #expect(error == .rejected(command: "AUTH PLAIN", code: 535, message: "5.7.8 authentication credentials invalid"))
        #expect(error?.description.contains("535") == true)
        #expect(error?.description.contains("wrong-password") == false)
    }

    @Test func startTLSModeRefusesAServerWithoutSTARTTLS() async throws {
        let server = try await TestSMTPServer.start(.init())
        defer { Task { await server.stop() } }

        await #expect(throws: SMTPError.startTLSNotOffered) {
            try await mailer(port: server.port, security: .startTLS, credentials: .init(username: "mailer", password: "s3cret")).send(mail)
        }
        // Neither the password nor the mail went over the unencrypted connection.
        #expect(server.received.lines == ["EHLO sesame.test"])
    }

    @Test func certificatesAreVerifiedByDefault() async throws {
        let certs = try certificates()
        let server = try await TestSMTPServer.start(.init(startTLS: certs))
        defer { Task { await server.stop() } }

        // The test CA is not among the system's, so the server's certificate is not trusted.
        let error = await #expect(throws: SMTPError.self) {
            try await mailer(port: server.port, security: .startTLS).send(mail)
        }
        guard case .tlsFailed = error else { Issue.record("expected a TLS failure, got \(String(describing: error))"); return }
        #expect(server.received.messages.isEmpty)
    }

    @Test func rejectedRecipientBecomesAnErrorNamingTheCode() async throws {
        let server = try await TestSMTPServer.start(.init(recipientReply: "550 5.1.1 <alice@example.org>: no such user"))
        defer { Task { await server.stop() } }

        let error = await #expect(throws: SMTPError.self) {
            try await mailer(port: server.port, security: .plain).send(mail)
        }
        #expect(error == .rejected(command: "RCPT TO", code: 550, message: "5.1.1 <alice@example.org>: no such user"))
        #expect(error?.description == "the SMTP server answered RCPT TO with 550 5.1.1 <alice@example.org>: no such user")
        #expect(server.received.messages.isEmpty)
    }

    @Test func fallsBackToHELOForAServerWithoutEHLO() async throws {
        let server = try await TestSMTPServer.start(.init(knowsEHLO: false))
        defer { Task { await server.stop() } }

        try await mailer(port: server.port, security: .plain).send(mail)

        #expect(server.received.lines.prefix(2) == ["EHLO sesame.test", "HELO sesame.test"])
        #expect(server.received.messages.count == 1)
    }

    @Test(arguments: [("127.0.0.1", "EHLO [127.0.0.1]"), ("::1", "EHLO [IPv6:::1]"), ("auth.example.org", "EHLO auth.example.org")])
    func greetsWithItsNameOrAnAddressLiteral(clientName: String, expected: String) async throws {
        let server = try await TestSMTPServer.start(.init())
        defer { Task { await server.stop() } }
        let mailer = SMTPMailer(
            server: SMTPServerSettings(hostname: "127.0.0.1", port: server.port, security: .plain, clientName: clientName),
            from: try Mailbox(parsing: "noreply@example.org"), logger: Logger(label: "test")
        )

        try await mailer.send(mail)

        #expect(server.received.lines.first == expected)
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let server = try await TestSMTPServer.start(.init(silent: true))
        defer { Task { await server.stop() } }
        let started = ContinuousClock.now

        await #expect(throws: SMTPError.timedOut(waitingFor: "the reply to the connection greeting")) {
            try await mailer(port: server.port, security: .plain, replyTimeout: .milliseconds(300)).send(mail)
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func nothingListeningIsAConnectionError() async throws {
        let server = try await TestSMTPServer.start(.init())
        let port = server.port
        await server.stop()

        let error = await #expect(throws: SMTPError.self) {
            try await mailer(port: port, security: .plain).send(mail)
        }
        guard case .connectionFailed(host: "localhost", port: port, _) = error else { Issue.record("got \(String(describing: error))"); return }
    }

    @Test func anInvalidRecipientIsRefusedBeforeConnecting() async throws {
        let server = try await TestSMTPServer.start(.init())
        defer { Task { await server.stop() } }
        var bad = mail
        bad.to = "alice@example.org>\r\nRCPT TO:<mallory@example.org"

        await #expect(throws: SMTPError.self) {
            try await mailer(port: server.port, security: .plain).send(bad)
        }
        #expect(server.received.lines.isEmpty)
    }
}
