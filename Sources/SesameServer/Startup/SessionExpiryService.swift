import Logging
import ServiceLifecycle
import SesameOAuth

/// Runs `InactiveSessionExpiry` every few minutes while the server is up
/// (`experimental.inactive_session_expiration`). Its `run()` returns on shutdown.
struct SessionExpiryService: Service {
    let expiry: InactiveSessionExpiry
    let logger: Logger
    var interval: Duration = .seconds(300)

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                let outcome = try await expiry.expireOnce()
                if outcome.total > 0 {
                    logger.info("ended inactive sessions", metadata: [
                        "oauth": "\(outcome.oauthSessions)", "compat": "\(outcome.compatSessions)", "browser": "\(outcome.browserSessions)",
                    ])
                }
            } catch {
                // Tried again on the next tick; nothing is half-done (each batch is one transaction).
                logger.warning("expiring inactive sessions failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
        }
    }
}
