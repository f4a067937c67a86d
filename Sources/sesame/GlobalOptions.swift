import ArgumentParser
import Foundation
import Logging
import SesameServer

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Config file (YAML). Defaults to $SESAME_CONFIG, else built-in defaults.")
    var config: String?

    @Option(help: "Log format: text or json.")
    var logFormat: LogFormat = .text

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    enum LogFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    /// The config file path in force.
    var configPath: String? { config ?? ProcessInfo.processInfo.environment["SESAME_CONFIG"] }

    /// Loads the configuration, printing warnings to standard error; exits 2 when it is invalid.
    func loadConfig() throws -> SesameConfig {
        do {
            let loaded = try ConfigLoader.load(path: configPath)
            for warning in loaded.warnings { printError("warning: \(warning)") }
            return loaded.config
        } catch {
            throw CLIFailure.config(error.description)
        }
    }

    /// Sets up logging once for the process.
    func bootstrapLogging() -> Logger {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let format = logFormat
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = format == .json ? JSONLogHandler(label: label) : TextLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "sesame")
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
