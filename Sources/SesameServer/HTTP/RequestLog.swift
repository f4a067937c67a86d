import HTTPTypes
import Hummingbird
import Logging
import SesameWeb

/// One structured log line per request, carrying Hummingbird's request id, which is also returned
/// in `X-Request-Id` so a user's report can be matched to the log. Only the path is logged:
/// query strings carry authorization codes and state, and headers carry tokens; a path segment
/// that is itself a secret (a recovery link) is blanked out (`LoggedPath`). Written by
/// `EdgeMiddleware`.
///
/// Answers below 400 are logged at `debug` and failures at `info`: a line per successful
/// introspection was a measurable share of each request (issue 7), and `--log-level debug`
/// brings them back.
enum RequestLog {
    static func record(_ request: Request, status: Int, since start: ContinuousClock.Instant, logger: Logger) {
        let level: Logger.Level = status < 400 ? .debug : .info
        guard logger.logLevel <= level else { return }
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.log(level: level, "request", metadata: [
            "method": "\(request.method.rawValue)",
            "path": "\(LoggedPath.redacted(request.uri.path))",
            "status": "\(status)",
            "duration_ms": "\((milliseconds * 100).rounded() / 100)",
        ])
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`.
    static let requestID = HTTPField.Name("X-Request-Id")!
}
