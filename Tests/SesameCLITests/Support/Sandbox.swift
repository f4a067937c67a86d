import Foundation
import Testing

/// What a finished command left behind.
struct CommandResult: Sendable, CustomStringConvertible {
    let exitCode: Int32
    let stdout: String
    let stderr: String
    let transcript: String

    /// Non-empty lines of standard error.
    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    /// Non-empty lines of standard output.
    var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }

    var description: String { transcript }
}

/// A command did not finish in time; it has been killed.
struct CommandTimedOut: Error, CustomStringConvertible {
    let transcript: String
    let timeout: Duration
    var description: String { "did not exit within \(timeout); killed\n\(transcript)" }
}

/// One test's world: a fresh temporary folder used as the working directory, with a `data`
/// folder, a config file pointing at it, and every process started from it killed at the end.
final class Sandbox: @unchecked Sendable {
    /// The temporary folder, also the working directory of every process.
    let root: URL
    private let lock = NSLock()
    private var children: [ChildProcess] = []

    /// How long a one-shot command may take before the test fails (debug builds on a busy machine).
    static let commandTimeout: Duration = .seconds(90)

    fileprivate init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("sesame-cli-\(UUID().uuidString)", isDirectory: true)
            .resolvingSymlinksInPath()
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
    }

    /// The configured `data_directory`; it exists.
    var dataDirectory: URL { root.appendingPathComponent("data", isDirectory: true) }
    /// The SQLite file the standard config names.
    var databasePath: String { dataDirectory.appendingPathComponent("sesame.db").path }
    /// The standard config file, passed to `sesame` through `SESAME_CONFIG`.
    var configPath: String { root.appendingPathComponent("sesame.yaml").path }

    /// The standard config: data folder and SQLite database inside the sandbox, then `extra`.
    func standardConfig(_ extra: String = "") -> String {
        """
        data_directory: \(dataDirectory.path)
        database:
          uri: sqlite:\(databasePath)

        """ + extra
    }

    /// Writes the standard config file (optionally with more sections) and returns its path.
    @discardableResult
    func writeConfig(_ extra: String = "") throws -> String {
        try writeFile("sesame.yaml", standardConfig(extra))
    }

    /// Writes a file in the sandbox and returns its path.
    @discardableResult
    func writeFile(_ name: String, _ text: String) throws -> String {
        let url = root.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The environment a child gets: the test runner's, without any SESAME_* setting that could
    /// leak in, plus `SESAME_CONFIG` once the standard file is written, plus `extra`.
    func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SESAME_") }
        if FileManager.default.fileExists(atPath: configPath) { environment["SESAME_CONFIG"] = configPath }
        // A crash should show as an exit code and one assertion line, not seconds of backtrace.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Starts a long-running process (server, crash writer); it is killed when the test ends.
    func launch(_ executable: URL, _ arguments: [String], environment extra: [String: String] = [:], input: String? = nil) throws -> ChildProcess {
        try #require(
            FileManager.default.isExecutableFile(atPath: executable.path),
            "\(executable.path) is missing: run `swift build --build-tests` first, or set SESAME_BIN_DIR"
        )
        let child = ChildProcess(executable: executable, arguments: arguments, workingDirectory: root, environment: environment(extra))
        lock.withLock { children.append(child) }
        try child.start(input: input)
        return child
    }

    /// Runs a command to completion; throws `CommandTimedOut` (after killing it) when it hangs.
    func run(
        _ executable: URL, _ arguments: [String], environment extra: [String: String] = [:], input: String? = nil,
        timeout: Duration = Sandbox.commandTimeout
    ) async throws -> CommandResult {
        let child = try launch(executable, arguments, environment: extra, input: input)
        guard let exitCode = await child.waitForExit(timeout: timeout) else {
            child.killAndReap()
            throw CommandTimedOut(transcript: child.transcript, timeout: timeout)
        }
        return CommandResult(exitCode: exitCode, stdout: child.standardOutput.text, stderr: child.standardError.text, transcript: child.transcript)
    }

    /// Runs `sesame ARGUMENTS…` with the standard config in `SESAME_CONFIG`.
    func sesame(_ arguments: String..., environment extra: [String: String] = [:], input: String? = nil) async throws -> CommandResult {
        try await run(Binaries.sesame, arguments, environment: extra, input: input)
    }

    /// Kills whatever is still running and removes the folder.
    fileprivate func tearDown() {
        for child in lock.withLock({ children }) { child.killAndReap() }
        try? FileManager.default.removeItem(at: root)
    }
}

/// Runs `body` in a fresh sandbox and cleans it up afterwards, also when the test fails or throws.
func withSandbox<T>(_ body: (Sandbox) async throws -> T) async throws -> T {
    let sandbox = try Sandbox()
    defer { sandbox.tearDown() }
    return try await body(sandbox)
}
