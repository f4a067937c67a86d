import NIOCore

/// Turns the bytes from the server into replies, joining multi-line replies (`250-…` lines
/// continued until a `250 …` line, RFC 5321 §4.2.1).
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    /// RFC 5321 §4.5.3.1.5 limits a reply line to 512 octets; allow generous slack, but never
    /// buffer without bound.
    static let maximumLineLength = 8192

    private var pending: SMTPReply?

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength { throw SMTPError.malformedReply("a reply line is longer than \(Self.maximumLineLength) bytes") }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex + 1
        guard var line = buffer.readString(length: length) else { return .needMoreData }
        while line.hasSuffix("\n") || line.hasSuffix("\r") || line.hasSuffix("\r\n") { line.removeLast() }

        let scalars = Array(line.unicodeScalars)
        guard scalars.count >= 3, scalars[0..<3].allSatisfy({ ("0"..."9").contains($0) }), let code = Int(String(line.prefix(3))) else {
            throw SMTPError.malformedReply(String(line.prefix(80)))
        }
        let separator = scalars.count > 3 ? scalars[3] : " "
        guard separator == " " || separator == "-" else { throw SMTPError.malformedReply(String(line.prefix(80))) }
        let text = scalars.count > 4 ? String(line.unicodeScalars.dropFirst(4)) : ""

        var reply = pending ?? SMTPReply(code: code, lines: [])
        guard reply.code == code else { throw SMTPError.malformedReply("a multi-line reply changed its code from \(reply.code) to \(code)") }
        reply.lines.append(text)
        if separator == "-" {
            pending = reply
        } else {
            pending = nil
            context.fireChannelRead(wrapInboundOut(reply))
        }
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

/// Hands each reply to the task running the conversation, and ends the stream with the reason
/// when the connection fails or closes.
final class SMTPReplyForwarder: ChannelInboundHandler, Sendable {
    typealias InboundIn = SMTPReply

    private let continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation

    init(continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        continuation.yield(unwrapInboundIn(data))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish(throwing: SMTPError.connectionClosed)
        context.fireChannelInactive()
    }
}
