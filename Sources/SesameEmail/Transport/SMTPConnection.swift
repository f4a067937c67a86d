import NIOCore
import NIOPosix
import NIOSSL

/// One TCP connection to an SMTP server: send a line, wait (with a timeout) for the next reply,
/// switch to TLS. Used by a single task for one conversation.
struct SMTPConnection {
    private let channel: any Channel
    private let continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation
    private var replies: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator
    private let replyTimeout: TimeAmount

    /// Connects, with TLS from the start when `tls` is given.
    static func open(
        host: String, port: Int, tls: NIOSSLContext?, connectTimeout: Duration, replyTimeout: Duration, group: any EventLoopGroup
    ) async throws -> SMTPConnection {
        let (stream, continuation) = AsyncThrowingStream<SMTPReply, any Error>.makeStream()
        let serverName = Self.serverNameIndication(host)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(connectTimeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyForwarder(continuation: continuation))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch ChannelError.connectTimeout {
            continuation.finish()
            throw SMTPError.timedOut(waitingFor: "the connection to \(host):\(port)")
        } catch {
            continuation.finish()
            throw SMTPError.connectionFailed(host: host, port: port, reason: String(describing: error))
        }
        return SMTPConnection(channel: channel, continuation: continuation, replies: stream.makeAsyncIterator(), replyTimeout: TimeAmount(replyTimeout))
    }

    /// Sends one command line; `label` names it in errors (for AUTH, without the secret).
    mutating func command(_ line: String, label: String) async throws -> SMTPReply {
        try await write(line + "\r\n")
        return try await reply(to: label)
    }

    /// Sends `line` and fails unless the reply code is one of `expected`.
    @discardableResult
    mutating func command(_ line: String, label: String, expecting expected: Set<Int>) async throws -> SMTPReply {
        let reply = try await command(line, label: label)
        guard expected.contains(reply.code) else { throw SMTPError.rejected(command: label, code: reply.code, message: reply.text) }
        return reply
    }

    /// Writes raw text (the DATA payload) without waiting for a reply.
    mutating func write(_ text: String) async throws {
        do {
            try await channel.writeAndFlush(ByteBuffer(string: text)).get()
        } catch {
            // A failed write only says the connection is gone; the reason (a TLS handshake
            // failure, say) is what ended the reply stream.
            do {
                _ = try await replies.next()
            } catch {
                throw smtpError(error)
            }
            throw SMTPError.connectionClosed
        }
    }

    /// Waits for the next reply; `label` says what it answers, for the timeout error.
    mutating func reply(to label: String) async throws -> SMTPReply {
        let continuation = self.continuation
        let timeout = channel.eventLoop.scheduleTask(in: replyTimeout) {
            continuation.finish(throwing: SMTPError.timedOut(waitingFor: "the reply to \(label)"))
        }
        defer { timeout.cancel() }
        do {
            guard let reply = try await replies.next() else { throw SMTPError.connectionClosed }
            return reply
        } catch {
            throw smtpError(error)
        }
    }

    /// What ended the reply stream, as an `SMTPError`.
    private func smtpError(_ error: any Error) -> SMTPError {
        switch error {
        case let error as SMTPError: error
        case let error as NIOSSLError: .tlsFailed(String(describing: error))
        case let error as BoringSSLError: .tlsFailed(String(describing: error))
        case let error as NIOSSLExtraError: .tlsFailed(String(describing: error))
        default: .connectionFailed(host: channel.remoteAddress?.ipAddress ?? "server", port: channel.remoteAddress?.port ?? 0, reason: String(describing: error))
        }
    }

    /// Starts TLS on the open connection (after the server's 220 to STARTTLS).
    func startTLS(_ context: NIOSSLContext, host: String) async throws {
        let channel = self.channel
        let serverName = Self.serverNameIndication(host)
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: serverName), position: .first)
        }.get()
    }

    /// Closes the connection; errors on close are of no interest once the mail is sent or lost.
    func close() async {
        continuation.finish()
        try? await channel.close().get()
    }

    /// SNI carries host names only (RFC 6066 §3); for an IP address NIOSSL checks the
    /// certificate against the address itself.
    private static func serverNameIndication(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }
}
