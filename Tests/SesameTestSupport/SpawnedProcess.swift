import CProcessSpawn
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, for tests that run `sesame` or `openssl`.
///
/// Foundation's `Process` is not used on purpose: on Linux its `run()` walks `/proc/self/fd` and
/// copies each directory entry's full 256-byte name buffer, reading past the end of glibc's
/// shorter records. When a record ends at a page boundary the copy faults, which crashed the
/// whole test bundle (SIGSEGV in `memcpy` under `Process.run()`, about one full run in five).
public final class SpawnedProcess: Sendable {
    /// How a process ended.
    public enum Termination: Equatable, Sendable {
        case exited(Int32)
        case signalled(Int32)
        /// Gone, but reaped by someone else (`waitpid` said ECHILD): how it ended is unknown.
        case lost

        /// The code a shell reports: the exit status, or 128 + the signal; -1 when lost.
        public var shellCode: Int32 {
            switch self {
            case .exited(let status): status
            case .signalled(let signal): 128 + signal
            case .lost: -1
            }
        }
    }

    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable {
        /// `/dev/null`.
        case null
        /// This descriptor, duplicated into the child (the caller keeps and closes its own copy).
        case descriptor(Int32)
    }

    public let processIdentifier: pid_t
    /// Set once `waitpid` has reaped the child; a pid can be reaped only once.
    private let reaped = Mutex<Termination?>(nil)

    /// Starts `executable` (an absolute path) with `arguments`, exactly `environment`, in
    /// `workingDirectory`. Every descriptor other than the three standard ones is closed in the
    /// child, so a pipe made for one child never stays open in another.
    public init(
        executable: String,
        arguments: [String],
        environment: [String: String],
        workingDirectory: String,
        standardInput: Stream = .null,
        standardOutput: Stream = .null,
        standardError: Stream = .null
    ) throws {
        var actions = posix_spawn_file_actions_t()
        try Self.check(posix_spawn_file_actions_init(&actions), "posix_spawn_file_actions_init")
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (stream, target) in [(standardInput, STDIN_FILENO), (standardOutput, STDOUT_FILENO), (standardError, STDERR_FILENO)] {
            switch stream {
            case .null:
                let mode = target == STDIN_FILENO ? O_RDONLY : O_WRONLY
                try Self.check(posix_spawn_file_actions_addopen(&actions, target, "/dev/null", mode, 0), "addopen")
            case .descriptor(let descriptor):
                try Self.check(posix_spawn_file_actions_adddup2(&actions, descriptor, target), "adddup2")
            }
        }
        try Self.check(sesame_spawn_actions_add_close_from(&actions, 3), "addclosefrom")
        try Self.check(sesame_spawn_actions_add_chdir(&actions, workingDirectory), "addchdir")

        // Signals the test process ignores or blocks (SIGPIPE, for one) would otherwise stay
        // ignored or blocked in the child; start it with every signal at its default.
        var attributes = posix_spawnattr_t()
        try Self.check(posix_spawnattr_init(&attributes), "posix_spawnattr_init")
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), mask = sigset_t()
        sigemptyset(&defaults)
        for signal in 1..<Int32(32) where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, signal) }
        sigemptyset(&mask)
        try Self.check(posix_spawnattr_setsigdefault(&attributes, &defaults), "setsigdefault")
        try Self.check(posix_spawnattr_setsigmask(&attributes, &mask), "setsigmask")
        try Self.check(posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)), "setflags")

        let argv = Self.cStrings([executable] + arguments)
        let envp = Self.cStrings(environment.map { "\($0.key)=\($0.value)" })
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        try Self.check(posix_spawn(&pid, executable, &actions, &attributes, argv + [nil], envp + [nil]), "posix_spawn \(executable)")
        processIdentifier = pid
    }

    /// How the process ended, or nil while it runs. Reaps the child the first time it is seen gone.
    public var termination: Termination? {
        reaped.withLock { reaped in
            if let reaped { return reaped }
            var status: Int32 = 0
            let result = waitpid(processIdentifier, &status, WNOHANG)
            // Without this, a child reaped elsewhere would look alive forever and hang every wait.
            if result == -1, errno == ECHILD {
                reaped = .lost
                return reaped
            }
            guard result == processIdentifier else { return nil }
            // The <sys/wait.h> macros are not imported into Swift; these are their definitions.
            let signal = status & 0x7f
            reaped = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
            return reaped
        }
    }

    public var isRunning: Bool { termination == nil }

    /// Blocks the calling thread until the process ends.
    @discardableResult
    public func waitUntilExit() -> Termination {
        while true {
            if let termination { return termination }
            usleep(5_000)
        }
    }

    /// Sends `signal` if the process has not been reaped (a reaped pid may belong to someone else).
    public func send(_ signal: Int32) {
        reaped.withLock { reaped in
            if reaped == nil { _ = kill(processIdentifier, signal) }
        }
    }

    /// A pipe whose two ends are closed on exec, so only the child that is handed one end (by
    /// `dup2`, which clears the flag on the copy) holds it.
    public static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard sesame_pipe_close_on_exec(&ends) == 0 else { throw SpawnError(call: "pipe2", code: errno) }
        return (ends[0], ends[1])
    }

    private static func cStrings(_ strings: [String]) -> [UnsafeMutablePointer<CChar>?] {
        strings.map { strdup($0) }
    }

    private static func check(_ code: Int32, _ call: String) throws {
        guard code == 0 else { throw SpawnError(call: call, code: code) }
    }

    public struct SpawnError: Error, CustomStringConvertible {
        public let call: String
        public let code: Int32
        public var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
    }
}
