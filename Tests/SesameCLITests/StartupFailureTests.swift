import Foundation
import Testing

/// What an operator sees when the environment is not ready: one line saying what to fix.
@Suite("start-up failures")
struct StartupFailureTests {
    /// Commands that open the database.
    static let databaseCommands: [[String]] = [["database", "migrate"], ["manage", "list-users"], ["server"]]

    static let password = "Unreachable-Pw-4711"

    @Test("an unreachable PostgreSQL exits 1 with one line, without the password", arguments: databaseCommands)
    func unreachableDatabase(_ command: [String]) async throws {
        try await withSandbox { sandbox in
            try sandbox.writeFile("sesame.yaml", """
                data_directory: \(sandbox.dataDirectory.path)
                database:
                  uri: postgresql://sesame:\(Self.password)@127.0.0.1:1/sesame

                """)

            let result = try await sandbox.run(Binaries.sesame, command)

            #expect(result.exitCode == 1, "\(result)")
            #expect(result.stderrLines.count == 1, "\(result)")
            #expect(result.stderr.hasPrefix("error: "), "\(result)")
            #expect(result.stderr.contains("cannot connect"), "\(result)")
            #expect(result.stderr.contains("127.0.0.1:1"), "\(result)")
            #expect(!result.stderr.contains(Self.password), "password leaked:\n\(result)")
            #expect(!result.stdout.contains(Self.password), "password leaked:\n\(result)")
        }
    }

    @Test("a configured data folder that does not exist exits 2 saying to create it", arguments: databaseCommands)
    func missingDataDirectory(_ command: [String]) async throws {
        try await withSandbox { sandbox in
            let missing = sandbox.root.appendingPathComponent("not-there").path
            try sandbox.writeFile("sesame.yaml", "data_directory: \(missing)\n")

            let result = try await sandbox.run(Binaries.sesame, command)

            #expect(result.exitCode == 2, "\(result)")
            #expect(result.stderrLines.count == 1, "\(result)")
            #expect(result.stderr.contains(missing), "\(result)")
            #expect(result.stderr.contains("mkdir -p"), "\(result)")
            #expect(!FileManager.default.fileExists(atPath: missing), "the folder must not be created silently")
        }
    }

    @Test("with no config, the default ./sesame-data folder is created on demand")
    func defaultDataDirectory() async throws {
        try await withSandbox { sandbox in
            let result = try await sandbox.sesame("database", "migrate")

            #expect(result.exitCode == 0, "\(result)")
            let created = sandbox.root.appendingPathComponent("sesame-data/sesame.db").path
            #expect(FileManager.default.fileExists(atPath: created), "\(result)")
        }
    }
}
