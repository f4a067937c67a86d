import Foundation
import Testing

/// `sesame config dump`: the effective configuration, safe to paste into a bug report.
@Suite("sesame config dump")
struct ConfigDumpTests {
    static let databasePassword = "Pg-Pass-4711"
    static let matrixSecret = "matrix-shared-secret-4711"
    static let encryptionKey = String(repeating: "0123456789abcdef", count: 4)

    /// A config holding three secrets.
    static func configWithSecrets(_ sandbox: Sandbox) -> String {
        """
        data_directory: \(sandbox.dataDirectory.path)
        database:
          uri: postgresql://sesame:\(databasePassword)@db.example.org/sesame
        matrix:
          secret: \(matrixSecret)
        secrets:
          encryption: \(encryptionKey)

        """
    }

    @Test("secrets are redacted by default")
    func redactsSecrets() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeFile("sesame.yaml", Self.configWithSecrets(sandbox))

            let result = try await sandbox.sesame("config", "dump")

            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout.contains("secret: <redacted>"), "\(result)")
            #expect(result.stdout.contains("encryption: <redacted>"), "\(result)")
            #expect(result.stdout.contains("uri: postgresql://sesame:<redacted>@db.example.org/sesame"), "\(result)")
            for secret in [Self.databasePassword, Self.matrixSecret, Self.encryptionKey] {
                #expect(!result.stdout.contains(secret), "\(secret) leaked:\n\(result)")
                #expect(!result.stderr.contains(secret), "\(secret) leaked:\n\(result)")
            }
        }
    }

    @Test("--show-secrets prints them in clear")
    func showSecrets() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeFile("sesame.yaml", Self.configWithSecrets(sandbox))

            let result = try await sandbox.sesame("config", "dump", "--show-secrets")

            #expect(result.exitCode == 0, "\(result)")
            #expect(!result.stdout.contains("<redacted>"), "\(result)")
            for secret in [Self.databasePassword, Self.matrixSecret, Self.encryptionKey] {
                #expect(result.stdout.contains(secret), "\(secret) missing:\n\(result)")
            }
        }
    }

    @Test("an environment override SESAME_DATABASE__URI shows in the dump")
    func environmentOverride() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()
            let elsewhere = sandbox.root.appendingPathComponent("elsewhere.db").path

            let result = try await sandbox.sesame("config", "dump", environment: ["SESAME_DATABASE__URI": "sqlite:\(elsewhere)"])

            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout.contains("uri: sqlite:\(elsewhere)"), "\(result)")
            #expect(!result.stdout.contains(sandbox.databasePath), "\(result)")
        }
    }
}
