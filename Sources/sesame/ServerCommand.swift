import ArgumentParser
import SesameServer

/// `sesame server`: migrate, then serve until SIGTERM.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "server", abstract: "Run the HTTP server (migrates the database first).")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await runReportingFailures {
            let config = try options.loadConfig()
            let logger = options.bootstrapLogging()
            try await SesameServerRunner.run(config: config, logger: logger)
        }
    }
}
