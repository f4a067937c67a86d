import ArgumentParser
import Logging
import SesameServer

/// `sesame database …`.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "database", abstract: "Manage the database schema.", subcommands: [Migrate.self])

    /// `sesame database migrate`.
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply pending schema migrations.")

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            try await runReportingFailures {
                let config = try options.loadConfig()
                let logger = Logger(label: "sesame")
                try SesameServerRunner.prepareDataDirectory(config)
                let storage = try await SesameServerRunner.openStorage(config: config, logger: logger)
                do {
                    let applied = try await storage.migrate()
                    await storage.close()
                    if applied.isEmpty {
                        print("database is up to date")
                    } else {
                        for migration in applied { print("applied migration \(migration.version): \(migration.name)") }
                    }
                } catch {
                    await storage.close()
                    throw error
                }
            }
        }
    }
}
