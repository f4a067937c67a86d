import Foundation
import Testing

/// `sesame config check --config FILE`: an operator validating a file before deploying it.
@Suite("sesame config check")
struct ConfigCheckTests {
    @Test("a good file passes with exit 0 and a one-line summary")
    func goodFile() async throws {
        try await withSandbox { sandbox in
            let path = try sandbox.writeFile("good.yaml", sandbox.standardConfig("""
                http:
                  public_base: https://auth.example.org/

                """))

            let result = try await sandbox.sesame("config", "check", "--config", path)

            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout.contains("configuration OK"), "\(result)")
            #expect(result.stdout.contains("issuer https://auth.example.org/"), "\(result)")
            #expect(result.stderr.isEmpty, "\(result)")
        }
    }

    @Test("a wrong-typed value exits 2 naming the key and its line")
    func wrongType() async throws {
        try await withSandbox { sandbox in
            let path = try sandbox.writeFile("typo.yaml", """
                data_directory: ./data
                http:
                  public_base: https://auth.example.org/
                database:
                  max_connections: lots

                """)

            let result = try await sandbox.sesame("config", "check", "--config", path)

            #expect(result.exitCode == 2, "\(result)")
            #expect(result.stderrLines.count == 1, "\(result)")
            #expect(result.stderr.contains("database.max_connections"), "\(result)")
            #expect(result.stderr.contains("line 5"), "\(result)")
            #expect(result.stderr.contains("integer"), "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
        }
    }

    @Test("a YAML syntax error exits 2 naming the file and line")
    func syntaxError() async throws {
        try await withSandbox { sandbox in
            let path = try sandbox.writeFile("broken.yaml", """
                data_directory: ./data
                database:
                  uri: sqlite:./data/sesame.db
                 max_connections: 3

                """)

            let result = try await sandbox.sesame("config", "check", "--config", path)

            #expect(result.exitCode == 2, "\(result)")
            #expect(result.stderrLines.count == 1, "\(result)")
            #expect(result.stderr.contains("broken.yaml"), "\(result)")
            #expect(result.stderr.contains("line 4"), "\(result)")
            #expect(result.stderr.contains("not valid YAML"), "\(result)")
        }
    }

    @Test("a MAS section Sesame does not implement is a warning, not an error")
    func unsupportedMASSection() async throws {
        try await withSandbox { sandbox in
            let path = try sandbox.writeFile("mas.yaml", sandbox.standardConfig("""
                telemetry:
                  tracing:
                    exporter: none

                """))

            let result = try await sandbox.sesame("config", "check", "--config", path)

            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout.contains("configuration OK"), "\(result)")
            #expect(result.stderrLines.count == 1, "\(result)")
            #expect(result.stderr.hasPrefix("warning:"), "\(result)")
            #expect(result.stderr.contains("telemetry"), "\(result)")
            #expect(result.stderr.contains("line 4"), "\(result)")
        }
    }

    @Test("a public_base that is not an http(s) URL exits 2 naming http.public_base")
    func invalidPublicBase() async throws {
        try await withSandbox { sandbox in
            let path = try sandbox.writeFile("base.yaml", sandbox.standardConfig("""
                http:
                  public_base: auth.example.org

                """))

            let result = try await sandbox.sesame("config", "check", "--config", path)

            #expect(result.exitCode == 2, "\(result)")
            #expect(result.stderrLines.count == 1, "\(result)")
            #expect(result.stderr.contains("http.public_base"), "\(result)")
            #expect(result.stderr.contains("line 5"), "\(result)")
            #expect(result.stderr.contains("https://"), "\(result)")
        }
    }

    @Test("a config file that does not exist exits 2 naming the path")
    func missingFile() async throws {
        try await withSandbox { sandbox in
            let result = try await sandbox.sesame("config", "check", "--config", "nowhere.yaml")

            #expect(result.exitCode == 2, "\(result)")
            #expect(result.stderrLines.count == 1, "\(result)")
            #expect(result.stderr.contains("nowhere.yaml"), "\(result)")
            #expect(result.stderr.contains("no such file"), "\(result)")
        }
    }
}
