import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A small SMTP server on loopback for the client's tests: speaks EHLO/HELO, STARTTLS, implicit
/// TLS, AUTH PLAIN/LOGIN, MAIL/RCPT/DATA (undoing dot-stuffing) and QUIT, and records every line
/// the client sent and every message it received.
final class TestSMTPServer: Sendable {
    struct Behaviour: Sendable {
        /// Offer STARTTLS with this certificate.
        var startTLS: TestCertificates?
        /// Speak TLS from the first byte with this certificate.
        var implicitTLS: TestCertificates?
        /// Mechanisms announced in `AUTH`; empty announces no AUTH.
        var authMechanisms: [String] = ["PLAIN", "LOGIN"]
        /// The only username and password accepted.
        var credentials: (username: String, password: String)? = nil
        /// Answer EHLO with 502, as an old server would.
        var knowsEHLO = true
        /// Reply to RCPT TO instead of 250.
        var recipientReply: String? = nil
        /// Never send anything (not even the greeting).
        var silent = false
    }

    struct Record: Sendable {
        var lines: [String] = []
        var messages: [String] = []
        var authenticatedUser: String?
        var sawTLS = false
    }

    let port: Int
    private let channel: any Channel
    private let box: RecordBox

    private init(channel: any Channel, box: RecordBox) {
        self.channel = channel
        self.port = channel.localAddress!.port!
        self.box = box
    }

    /// What has been received so far.
    var received: Record { box.record.withLock { $0 } }

    static func start(_ behaviour: Behaviour) async throws -> TestSMTPServer {
        let box = RecordBox()
        let implicit = try behaviour.implicitTLS.map(Self.serverContext)
        let startTLS = try behaviour.startTLS.map(Self.serverContext)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicit { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: implicit)) }
                    try channel.pipeline.syncOperations.addHandler(
                        SessionHandler(behaviour: behaviour, startTLS: startTLS, tlsActive: implicit != nil, box: box)
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return TestSMTPServer(channel: channel, box: box)
    }

    func stop() async {
        try? await channel.close().get()
    }

    private static func serverContext(_ certificates: TestCertificates) throws -> NIOSSLContext {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificates.certificateFile).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: certificates.privateKeyFile, format: .pem))
        )
        return try NIOSSLContext(configuration: configuration)
    }
}

/// The record, shared by the server and its connections' handlers.
private final class RecordBox: Sendable {
    let record = Mutex(TestSMTPServer.Record())
    func update(_ change: (inout TestSMTPServer.Record) -> Void) { record.withLock { change(&$0) } }
}

private final class SessionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State { case command, data([String]), loginUsername, loginPassword(String) }

    private let behaviour: TestSMTPServer.Behaviour
    private let startTLS: NIOSSLContext?
    private var tlsActive: Bool
    private let box: RecordBox
    private var state = State.command
    private var pending = ""

    init(behaviour: TestSMTPServer.Behaviour, startTLS: NIOSSLContext?, tlsActive: Bool, box: RecordBox) {
        self.behaviour = behaviour
        self.startTLS = startTLS
        self.tlsActive = tlsActive
        self.box = box
    }

    func channelActive(context: ChannelHandlerContext) {
        if tlsActive { box.update { $0.sawTLS = true } }
        if !behaviour.silent { send("220 test.local ESMTP ready", context: context) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readString(length: buffer.readableBytes) ?? ""
        while let end = pending.range(of: "\r\n") {
            let line = String(pending[..<end.lowerBound])
            pending.removeSubrange(..<end.upperBound)
            handle(line, context: context)
        }
    }

    private func handle(_ line: String, context: ChannelHandlerContext) {
        if behaviour.silent { return }
        switch state {
        case .data(var lines):
            if line == "." {
                let message = lines.joined(separator: "\r\n") + "\r\n"
                box.update { $0.messages.append(message) }
                state = .command
                send("250 2.0.0 queued", context: context)
            } else {
                // RFC 5321 §4.5.2: remove the stuffed dot.
                lines.append(line.hasPrefix(".") ? String(line.dropFirst()) : line)
                state = .data(lines)
            }
            return
        case .loginUsername:
            box.update { $0.lines.append(line) }
            state = .loginPassword(decode(line))
            send("334 UGFzc3dvcmQ6", context: context)
            return
        case .loginPassword(let username):
            box.update { $0.lines.append(line) }
            state = .command
            finishAuth(username: username, password: decode(line), context: context)
            return
        case .command:
            break
        }
        box.update { $0.lines.append(line) }
        let verb = line.split(separator: " ").first.map { $0.uppercased() } ?? ""
        switch verb {
        case "EHLO":
            guard behaviour.knowsEHLO else { return send("502 5.5.2 command not recognised", context: context) }
            var lines = ["test.local greets you"]
            if startTLS != nil && !tlsActive { lines.append("STARTTLS") }
            if !behaviour.authMechanisms.isEmpty { lines.append("AUTH " + behaviour.authMechanisms.joined(separator: " ")) }
            lines.append("8BITMIME")
            send(lines.enumerated().map { "250\($0.offset == lines.count - 1 ? " " : "-")\($0.element)" }.joined(separator: "\r\n"), context: context)
        case "HELO":
            send("250 test.local", context: context)
        case "STARTTLS":
            guard let startTLS, !tlsActive else { return send("502 5.5.1 STARTTLS not offered", context: context) }
            send("220 2.0.0 go ahead", context: context)
            try! context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: startTLS), position: .first)
            tlsActive = true
            box.update { $0.sawTLS = true }
        case "AUTH":
            let words = line.split(separator: " ").map(String.init)
            if words.count >= 2 && words[1].uppercased() == "PLAIN" && words.count == 3 {
                let fields = decode(words[2]).split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
                finishAuth(username: fields.count == 3 ? fields[1] : "", password: fields.count == 3 ? fields[2] : "", context: context)
            } else if words.count == 2 && words[1].uppercased() == "LOGIN" {
                state = .loginUsername
                send("334 VXNlcm5hbWU6", context: context)
            } else {
                send("504 5.5.4 unrecognised authentication type", context: context)
            }
        case "MAIL":
            send("250 2.1.0 ok", context: context)
        case "RCPT":
            send(behaviour.recipientReply ?? "250 2.1.5 ok", context: context)
        case "DATA":
            state = .data([])
            send("354 end data with <CR><LF>.<CR><LF>", context: context)
        case "QUIT":
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "221 2.0.0 bye\r\n"))).whenComplete { _ in context.close(promise: nil) }
        default:
            send("500 5.5.1 unknown command", context: context)
        }
    }

    private func finishAuth(username: String, password: String, context: ChannelHandlerContext) {
        if let expected = behaviour.credentials, expected.username == username, expected.password == password {
            box.update { $0.authenticatedUser = username }
            send("235 2.7.0 authentication successful", context: context)
        } else {
            send("535 5.7.8 authentication credentials invalid", context: context)
        }
    }

    private func decode(_ base64: String) -> String {
        String(decoding: Data(base64Encoded: base64) ?? Data(), as: UTF8.self)
    }

    private func send(_ reply: String, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply + "\r\n")), promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
