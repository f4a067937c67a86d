import Testing
@testable import SesameEmail

/// The transports that do not send: `log` shows the mail to the developer, `blackhole` drops it.
@Suite struct DevelopmentMailerTests {
    let mail = OutgoingMail(to: "alice@example.org", subject: "Your code", text: "Your code is 314159.", html: "<p>Your code is <b>314159</b>.</p>")

    @Test func logTransportShowsRecipientSubjectAndTextAndSaysItIsForDevelopment() async throws {
        let log = LogRecord()
        try await LogMailer(logger: log.logger()).send(mail)

        let line = try #require(log.all.first)
        #expect(log.all.count == 1)
        #expect(line.contains("development"))
        #expect(line.contains("alice@example.org"))
        #expect(line.contains("Your code"))
        #expect(line.contains("Your code is 314159."))
    }

    @Test func blackholeLogsOneLineWithoutRecipientOrContent() async throws {
        let log = LogRecord()
        try await BlackholeMailer(logger: log.logger()).send(mail)

        let line = try #require(log.all.first)
        #expect(log.all.count == 1)
        #expect(line.contains("dropped"))
        #expect(!line.contains("alice"))
        #expect(!line.contains("314159"))
        #expect(!line.contains("Your code"))
    }

    @Test func smtpMailerLogsNeitherRecipientNorContent() async throws {
        let server = try await TestSMTPServer.start(.init())
        defer { Task { await server.stop() } }
        let log = LogRecord()
        let mailer = SMTPMailer(
            server: SMTPServerSettings(hostname: "127.0.0.1", port: server.port, security: .plain),
            from: try Mailbox(parsing: "noreply@example.org"), logger: log.logger()
        )
        try await mailer.send(mail)

        #expect(server.received.messages.count == 1)
        #expect(!log.all.joined().contains("314159"))
        #expect(!log.all.joined().contains("alice"))
    }
}
