import Foundation
import SesameTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One executable started the way a shell script would: its own working directory and
/// environment, standard input given up front then closed, both output streams captured.
final class ChildProcess: @unchecked Sendable {
    /// What failure messages call this process.
    let label: String
    /// Everything written to standard output so far.
    let standardOutput = StreamCapture()
    /// Everything written to standard error so far.
    let standardError = StreamCapture()
    private let executable: URL
    private let arguments: [String]
    private let workingDirectory: URL
    private let environment: [String: String]
    /// Set by `start`. A sandbox lists the child before starting it, but reads this only when the
    /// test's body has returned, so it is never read while being set.
    private var process: SpawnedProcess?

    init(executable: URL, arguments: [String], workingDirectory: URL, environment: [String: String]) {
        label = ([executable.lastPathComponent] + arguments).joined(separator: " ")
        self.executable = executable
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.environment = environment
    }

    /// Starts the process; `input` is written to its standard input, which is then closed
    /// (so a command reading it sees end of file, as with `< /dev/null`).
    func start(input: String? = nil) throws {
        var pipes: [(read: Int32, write: Int32)] = []
        do {
            for _ in 0..<3 { pipes.append(try SpawnedProcess.pipe()) }
        } catch {
            pipes.forEach { close($0.read); close($0.write) }
            throw error
        }
        let output = pipes[0], error = pipes[1], inputPipe = pipes[2]
        do {
            // The child's ends are closed here as soon as it holds its own copies: a reader sees end
            // of file, and a writer EPIPE, only once nobody else holds the other end.
            defer { [output.write, error.write, inputPipe.read].forEach { close($0) } }
            process = try SpawnedProcess(
                executable: executable.path, arguments: arguments, environment: environment,
                workingDirectory: workingDirectory.path,
                standardInput: .descriptor(inputPipe.read),
                standardOutput: .descriptor(output.write),
                standardError: .descriptor(error.write)
            )
        } catch let failure {
            // The parent's own ends; the child's were closed above.
            [output.read, error.read, inputPipe.write].forEach { close($0) }
            throw failure
        }
        standardOutput.start(reading: output.read)
        standardError.start(reading: error.read)
        if let input { Self.write(Array(input.utf8), to: inputPipe.write) }
        close(inputPipe.write)
    }

    /// Writes `bytes` with SIGPIPE blocked on this thread. Nothing in the test process ignores
    /// SIGPIPE, so a child that closed its input before reading all of it would otherwise end the
    /// whole test run; blocked, the write fails with EPIPE and the rest of the input is dropped.
    private static func write(_ bytes: [UInt8], to descriptor: Int32) {
        var pipeSignal = sigset_t(), previous = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        defer {
            // The signal a failed write raised is pending on this thread: take it before unblocking.
            var noWait = timespec(tv_sec: 0, tv_nsec: 0)
            while sigtimedwait(&pipeSignal, nil, &noWait) == SIGPIPE {}
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        var remaining = bytes[...]
        while !remaining.isEmpty {
            let written = remaining.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            remaining = remaining.dropFirst(written)
        }
    }

    var processIdentifier: Int32 { process?.processIdentifier ?? 0 }
    var isRunning: Bool { process?.isRunning ?? false }

    /// The exit code as a shell reports it: the status, or 128 + the signal that ended it.
    var exitCode: Int32? { process?.termination?.shellCode }

    /// Waits for the process to end; nil when it is still running after `timeout`.
    func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while isRunning {
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        // The process is gone, so nothing more will be written; let the readers drain the pipes.
        await standardOutput.waitUntilDrained()
        await standardError.waitUntilDrained()
        return exitCode
    }

    /// Waits until standard output or standard error contains `text`; false on timeout or when
    /// the process ends without writing it.
    func waitForOutput(containing text: String, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if standardOutput.text.contains(text) || standardError.text.contains(text) { return true }
            if !isRunning {
                await standardOutput.waitUntilDrained()
                await standardError.waitUntilDrained()
                return standardOutput.text.contains(text) || standardError.text.contains(text)
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        // A starved test task may first look after the deadline: what arrived by then still counts.
        return standardOutput.text.contains(text) || standardError.text.contains(text)
    }

    /// Sends `signal` (SIGTERM, SIGKILL…) to the process if it is still running.
    func send(_ signal: Int32) {
        process?.send(signal)
    }

    /// Kills the process if it is still running and reaps it; used when a test ends early.
    func killAndReap() {
        guard let process, process.isRunning else { return }
        process.send(SIGKILL)
        process.waitUntilExit()
    }

    /// Both streams and the exit code, for failure messages.
    var transcript: String {
        """
        $ \(label)
        exit code: \(exitCode.map(String.init) ?? "still running")
        --- stdout ---
        \(standardOutput.text)
        --- stderr ---
        \(standardError.text)
        """
    }
}

/// Bytes a child writes to one stream, read on a thread of their own as they arrive, so a full
/// pipe never blocks the child and a long-running server can be watched while it runs.
final class StreamCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var reachedEnd = false

    /// Starts reading `descriptor` until end of file, then closes it.
    func start(reading descriptor: Int32) {
        let thread = Thread { [self] in
            // Plain read(2) returns whatever has arrived; FileHandle.read(upToCount:) would wait
            // for the whole count, hiding a "ready" line behind a buffer that never fills.
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                lock.withLock { data.append(contentsOf: buffer[0..<count]) }
            }
            lock.withLock { reachedEnd = true }
            close(descriptor)
        }
        thread.start()
    }

    /// The text read so far.
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }

    /// Waits (up to three seconds) for end of file, which comes once the child has exited: the
    /// write end lives only in the child (see SpawnedProcess.pipe).
    func waitUntilDrained() async {
        let deadline = ContinuousClock.now + .seconds(3)
        while ContinuousClock.now < deadline, !lock.withLock({ reachedEnd }) {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}
