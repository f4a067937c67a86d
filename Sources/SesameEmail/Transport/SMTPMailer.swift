import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import SesameModel

/// Sends each mail over its own SMTP connection (RFC 5321): EHLO (HELO as a fallback), STARTTLS
/// or implicit TLS as configured, AUTH PLAIN or LOGIN when credentials are set, then one
/// MAIL FROM / RCPT TO / DATA and QUIT.
public struct SMTPMailer: Mailer {
    public let server: SMTPServerSettings
    public let from: Mailbox
    public let replyTo: Mailbox?
    private let clock: any WallClock
    private let group: any EventLoopGroup
    private let logger: Logger

    /// A mailer for `server`, sending as `from`; `clock` dates the messages.
    public init(
        server: SMTPServerSettings, from: Mailbox, replyTo: Mailbox? = nil, clock: any WallClock = SystemWallClock(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger
    ) {
        self.server = server
        self.from = from
        self.replyTo = replyTo
        self.clock = clock
        self.group = eventLoopGroup
        self.logger = logger
    }

    public func send(_ mail: OutgoingMail) async throws {
        let recipient: Mailbox
        do {
            recipient = try Mailbox(parsing: mail.to)
        } catch {
            throw SMTPError.invalidAddress(error.description)
        }
        let message = MIMEMessage(
            from: from, replyTo: replyTo, to: recipient, subject: mail.subject, text: mail.text, html: mail.html,
            date: clock.now(), uniqueID: UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        )
        let tls = server.security == .plain ? nil : try makeTLSContext()
        var connection = try await SMTPConnection.open(
            host: server.hostname, port: server.port, tls: server.security == .implicitTLS ? tls : nil,
            connectTimeout: server.connectTimeout, replyTimeout: server.replyTimeout, group: group
        )
        do {
            try await converse(&connection, tls: tls, recipient: recipient, message: message)
            await connection.close()
        } catch {
            await connection.close()
            throw error
        }
        logger.info("sent mail over SMTP", metadata: ["smtp_server": "\(server.hostname):\(server.port)"])
    }

    private func converse(_ connection: inout SMTPConnection, tls: NIOSSLContext?, recipient: Mailbox, message: MIMEMessage) async throws {
        let greeting = try await connection.reply(to: "the connection greeting")
        guard greeting.code == 220 else { throw SMTPError.rejected(command: "the connection", code: greeting.code, message: greeting.text) }

        var extensions = try await hello(&connection)
        if server.security == .startTLS, let tls {
            guard extensions["STARTTLS"] != nil else { throw SMTPError.startTLSNotOffered }
            try await connection.command("STARTTLS", label: "STARTTLS", expecting: [220])
            try await connection.startTLS(tls, host: server.hostname)
            // RFC 3207 §4.2: forget everything learnt before TLS and greet again.
            extensions = try await hello(&connection)
        }
        if let credentials = server.credentials {
            guard server.security != .plain || server.allowsPlaintextAuthentication else { throw SMTPError.plaintextAuthenticationRefused }
            try await authenticate(&connection, credentials: credentials, mechanisms: extensions["AUTH"] ?? [])
        }

        try await connection.command("MAIL FROM:<\(from.address)>", label: "MAIL FROM", expecting: [250])
        try await connection.command("RCPT TO:<\(recipient.address)>", label: "RCPT TO", expecting: [250, 251])
        try await connection.command("DATA", label: "DATA", expecting: [354])
        // The message ends in CRLF, so ".\r\n" completes the "<CRLF>.<CRLF>" terminator.
        try await connection.write(DotStuffing.stuff(message.rendered()) + ".\r\n")
        let accepted = try await connection.reply(to: "the end of DATA")
        guard accepted.code == 250 else { throw SMTPError.rejected(command: "DATA", code: accepted.code, message: accepted.text) }

        // The mail is accepted; a server that mishandles QUIT does not make it unsent.
        _ = try? await connection.command("QUIT", label: "QUIT")
    }

    /// EHLO, or HELO for a server that does not know EHLO (RFC 5321 §3.2). Returns the
    /// announced extensions (none after HELO).
    private func hello(_ connection: inout SMTPConnection) async throws -> [String: [String]] {
        let reply = try await connection.command("EHLO \(helloName)", label: "EHLO")
        if reply.isPositiveCompletion { return reply.extensions }
        guard (500...504).contains(reply.code) || reply.code == 550 else {
            throw SMTPError.rejected(command: "EHLO", code: reply.code, message: reply.text)
        }
        try await connection.command("HELO \(helloName)", label: "HELO", expecting: [250])
        return [:]
    }

    /// RFC 5321 §4.1.3: an address, not a name, goes in brackets (`[127.0.0.1]`, `[IPv6:::1]`).
    private var helloName: String {
        let name = server.clientName.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if name.contains(":") { return "[IPv6:\(name)]" }
        if !name.isEmpty && name.allSatisfy({ $0.isNumber || $0 == "." }) { return "[\(name)]" }
        return name
    }

    /// AUTH PLAIN (RFC 4616) when offered, else AUTH LOGIN.
    private func authenticate(_ connection: inout SMTPConnection, credentials: SMTPServerSettings.Credentials, mechanisms: [String]) async throws {
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if mechanisms.contains("PLAIN") {
            try await connection.command("AUTH PLAIN \(base64("\0\(credentials.username)\0\(credentials.password)"))", label: "AUTH PLAIN", expecting: [235])
        } else if mechanisms.contains("LOGIN") {
            try await connection.command("AUTH LOGIN", label: "AUTH LOGIN", expecting: [334])
            try await connection.command(base64(credentials.username), label: "AUTH LOGIN (username)", expecting: [334])
            try await connection.command(base64(credentials.password), label: "AUTH LOGIN (password)", expecting: [235])
        } else {
            throw SMTPError.noSupportedAuthMechanism(offered: mechanisms)
        }
    }

    /// Full certificate and host name verification, against the system's CAs or the given file.
    private func makeTLSContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.certificateVerification = .fullVerification
        if let file = server.trustedCertificatesFile {
            configuration.trustRoots = .file(file)
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw SMTPError.tlsFailed("cannot set up TLS (certificate authorities \(server.trustedCertificatesFile ?? "of the system")): \(error)")
        }
    }
}
