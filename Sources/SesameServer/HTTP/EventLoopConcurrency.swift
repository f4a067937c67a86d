import Foundation
import NIOCore
import NIOPosix

/// Runs Swift concurrency's jobs on NIO's event-loop threads instead of a separate cooperative pool.
///
/// Every request used to hop from the event loop that read it to a cooperative-pool thread and
/// back to write the answer, and every SQLite or PostgreSQL call once more; on two cores those
/// context switches were the top entry of the server's profile (issue 7). With the event loops as
/// the global executor a request's task runs on the loop's own threads. Blocking work stays off
/// them: password hashing has its own Dispatch queue and SQLite its thread pool.
///
/// `SESAME_CONCURRENCY_EXECUTOR=default` in the environment keeps Swift's own pool (to compare,
/// or to rule this out when chasing a problem).
enum EventLoopConcurrency {
    /// Installs the event loops as the global executor the first time it is read (once per
    /// process); false when opted out or when the platform does not allow it.
    static let installed: Bool = {
        guard ProcessInfo.processInfo.environment["SESAME_CONCURRENCY_EXECUTOR"] != "default" else { return false }
        return NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }()
}
