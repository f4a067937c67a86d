import Logging

/// MAS's `blackhole` transport: every mail is dropped. Logs one line per mail, without the
/// recipient or any content.
public struct BlackholeMailer: Mailer {
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func send(_ mail: OutgoingMail) async throws {
        logger.info("mail dropped: email.transport is blackhole")
    }
}
