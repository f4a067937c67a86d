import Logging
import ServiceLifecycle
import SesameAccounts

/// Writes the activity tracker's batch every interval, and once more at shutdown so the last
/// minute of use is not lost. Its `run()` returns on shutdown; the group treats that as graceful.
struct ActivityFlushService: Service {
    let tracker: ActivityTracker
    let logger: Logger
    var interval: Duration = ActivityTracker.defaultFlushInterval

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            await flush()
        }
        // The final flush after the HTTP listeners stopped taking requests.
        await flush()
    }

    private func flush() async {
        do {
            try await tracker.flush()
        } catch {
            // The batch stays in memory and is retried on the next tick.
            logger.warning("writing session activity failed", metadata: ["error": "\(error)"])
        }
    }
}
