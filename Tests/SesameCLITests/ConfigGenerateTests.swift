import Foundation
import Testing

/// `sesame config generate`: a fresh deployment starting from a generated file.
@Suite("sesame config generate")
struct ConfigGenerateTests {
    @Test("the generated file is YAML that config check accepts")
    func generatedFileChecks() async throws {
        try await withSandbox { sandbox in
            let generated = try await sandbox.sesame("config", "generate")
            #expect(generated.exitCode == 0, "\(generated)")
            #expect(generated.stdout.contains("BEGIN PRIVATE KEY"), "\(generated)")
            let path = try sandbox.writeFile("generated.yaml", generated.stdout)

            let result = try await sandbox.sesame("config", "check", "--config", path)

            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout.contains("configuration OK"), "\(result)")
            #expect(result.stderr.isEmpty, "\(result)")
        }
    }

    @Test("--output writes a private file and says so on stderr")
    func outputFileIsPrivate() async throws {
        try await withSandbox { sandbox in
            let result = try await sandbox.sesame("config", "generate", "--output", "private.yaml")

            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
            #expect(result.stderr.contains("wrote private.yaml"), "\(result)")
            let path = sandbox.root.appendingPathComponent("private.yaml").path
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }
    }

    @Test("two runs generate different secrets")
    func secretsAreFresh() async throws {
        try await withSandbox { sandbox in
            let first = try await sandbox.sesame("config", "generate")
            let second = try await sandbox.sesame("config", "generate")

            let encryption = { (yaml: String) in yaml.split(separator: "\n").first { $0.contains("encryption:") } }
            #expect(encryption(first.stdout) != nil, "\(first)")
            #expect(encryption(first.stdout) != encryption(second.stdout))
        }
    }
}
