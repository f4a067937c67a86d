import Foundation

/// Starts child processes one at a time across the whole test bundle.
///
/// Foundation's `Process.run()` on Linux is not safe to call from several threads at once: it
/// crashed in `memcpy` while the CLI suites and the email suite's certificate setup spawned at the
/// same moment. Each had its own lock, which only kept a suite from racing itself; this one lock
/// is shared by every test that starts a process.
public enum ProcessSpawning {
    private static let lock = NSLock()

    /// Runs `process.run()` while no other test is starting a process.
    public static func run(_ process: Process) throws {
        try lock.withLock { try process.run() }
    }
}
