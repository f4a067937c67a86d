import Foundation
import Testing

/// `sesame database migrate`: schema upgrades run by hand before starting a new version.
@Suite("sesame database migrate")
struct DatabaseMigrateTests {
    @Test("a fresh database gets every migration, each named on stdout")
    func freshDatabase() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()

            let result = try await sandbox.sesame("database", "migrate")

            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdoutLines.first == "applied migration 1: initial schema", "\(result)")
            #expect(result.stdoutLines.allSatisfy { $0.hasPrefix("applied migration ") }, "\(result)")
            #expect(result.stderr.isEmpty, "\(result)")
            #expect(FileManager.default.fileExists(atPath: sandbox.databasePath))
        }
    }

    @Test("a second run reports the database is up to date")
    func secondRun() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()
            try #require(try await sandbox.sesame("database", "migrate").exitCode == 0)

            let result = try await sandbox.sesame("database", "migrate")

            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout == "database is up to date\n", "\(result)")
            #expect(result.stderr.isEmpty, "\(result)")
        }
    }
}
