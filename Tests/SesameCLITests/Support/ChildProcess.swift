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
    private let process = Process()

    init(executable: URL, arguments: [String], workingDirectory: URL, environment: [String: String]) {
        label = ([executable.lastPathComponent] + arguments).joined(separator: " ")
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory
        process.environment = environment
    }

    /// Starts the process; `input` is written to its standard input, which is then closed
    /// (so a command reading it sees end of file, as with `< /dev/null`).
    func start(input: String? = nil) throws {
        let output = Pipe(), error = Pipe(), inputPipe = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = inputPipe
        // One spawn at a time across the test bundle (see ProcessSpawning).
        try ProcessSpawning.run(process)
        standardOutput.start(reading: output.fileHandleForReading)
        standardError.start(reading: error.fileHandleForReading)
        if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try? inputPipe.fileHandleForWriting.close()
    }

    var processIdentifier: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// The exit code as a shell reports it: the status, or 128 + the signal that ended it.
    var exitCode: Int32? {
        guard !process.isRunning else { return nil }
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// Waits for the process to end; nil when it is still running after `timeout`.
    func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
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
            if !process.isRunning {
                await standardOutput.waitUntilDrained()
                await standardError.waitUntilDrained()
                return standardOutput.text.contains(text) || standardError.text.contains(text)
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Sends `signal` (SIGTERM, SIGKILL…) to the process if it is still running.
    func send(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Kills the process if it is still running and reaps it; used when a test ends early.
    func killAndReap() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
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
    private var lastGrowth = ContinuousClock.now
    private var reachedEnd = false

    /// Starts reading `handle` until end of file.
    func start(reading handle: FileHandle) {
        let thread = Thread { [self] in
            // Plain read(2) returns whatever has arrived; FileHandle.read(upToCount:) would wait
            // for the whole count, hiding a "ready" line behind a buffer that never fills.
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                lock.withLock {
                    data.append(contentsOf: buffer[0..<count])
                    lastGrowth = .now
                }
            }
            lock.withLock { reachedEnd = true }
            try? handle.close()
        }
        thread.start()
    }

    /// The text read so far.
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }

    /// Waits for end of file, or for the stream to go quiet: another child started at the same
    /// moment may have inherited the pipe's write end and keep it open after this one exits.
    func waitUntilDrained() async {
        let started = ContinuousClock.now
        let deadline = started + .seconds(3)
        while ContinuousClock.now < deadline {
            let (done, quietFor) = lock.withLock { (reachedEnd, ContinuousClock.now - max(lastGrowth, started)) }
            if done || quietFor > .milliseconds(300) { return }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}
