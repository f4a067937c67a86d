import Logging
import SesameServer
import Synchronization
import Testing

/// The text log format must not change with the lazy handler: each line is what swift-log's
/// `StreamLogHandler` writes for the same logger state and call.
@Suite("Text log handler")
struct TextLogHandlerTests {
    /// Collects what a handler writes.
    final class Capture: TextOutputStream, Sendable {
        private let text = Mutex("")
        func write(_ string: String) { text.withLock { $0 += string } }
        var lines: [Substring] { text.withLock { $0 }.split(separator: "\n") }
    }

    private struct Failure: Error, CustomStringConvertible {
        var description: String { "the disk is full" }
    }

    /// Logs the same things through a logger built on `handler`.
    private func logSome(_ handler: some LogHandler) {
        var logger = Logger(label: "sesame.test", factory: { _ in handler })
        logger.logLevel = .debug
        logger.info("starting")
        logger[metadataKey: "hb.request.id"] = "7f3a"
        logger[metadataKey: "client"] = .string("01J7R4Z1Q2X3Y4Z5A6B7C8D9EF")
        logger.debug("token checked", metadata: ["kind": "access", "active": .stringConvertible(true)])
        logger[metadataKey: "client"] = nil
        logger[metadataKey: "hb.request.id"] = "8b4c"
        logger.warning("write failed", error: Failure(), metadata: ["table": "oauth_sessions"])
        logger.trace("below the level: not written")
    }

    /// A line without its leading timestamp (the two handlers may straddle a second).
    private func withoutTimestamp(_ line: Substring) -> Substring {
        line.drop(while: { $0 != " " })
    }

    @Test("every line is StreamLogHandler's line, metadata set by key included")
    func sameLinesAsStreamLogHandler() {
        let lazy = Capture()
        let stream = Capture()
        logSome(TextLogHandler(label: "sesame.test", stream: lazy, metadataProvider: nil))
        logSome(StreamLogHandler(label: "sesame.test", stream: stream, metadataProvider: nil))
        #expect(lazy.lines.count == 3)
        #expect(lazy.lines.map(withoutTimestamp) == stream.lines.map(withoutTimestamp))
        #expect(lazy.lines[1].contains("active=true client=01J7R4Z1Q2X3Y4Z5A6B7C8D9EF hb.request.id=7f3a kind=access"))
        #expect(lazy.lines[2].contains("error.message=the disk is full"))
        #expect(!lazy.lines[2].contains("client="))
        // Set again: the new value replaces the old one, once.
        #expect(lazy.lines[2].contains("hb.request.id=8b4c"))
        #expect(!lazy.lines[2].contains("7f3a"))
    }
}
