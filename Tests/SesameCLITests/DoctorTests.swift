import Foundation
import Testing

/// `sesame doctor`: an operator checking a deployment. (The passing case runs against a real
/// Synapse and nginx in e2e/test_synapse.py.)
@Suite("sesame doctor")
struct DoctorTests {
    @Test("nothing reachable: every check fails with what is wrong and how to fix it, exit 1")
    func nothingReachable() async throws {
        try await withSandbox { sandbox in
            let closed = try freeLocalPort()
            try sandbox.writeConfig("""
                http:
                  public_base: http://127.0.0.1:\(closed)/
                matrix:
                  homeserver: "127.0.0.1:\(closed)"
                  endpoint: http://127.0.0.1:\(closed)/
                  secret: doctor-test-secret

                """)

            let result = try await sandbox.sesame("doctor", "--timeout", "2")

            #expect(result.exitCode == 1, "\(result)")
            let failed = result.stdoutLines.filter { $0.hasPrefix("✗ ") }
            #expect(failed.count == 6, "\(result)")
            #expect(!result.stdout.contains("✓"), "\(result)")
            #expect(result.stdout.contains("connection refused"), "\(result)")
            #expect(result.stdoutLines.filter { $0.hasPrefix("    fix: ") }.count == 6, "\(result)")
            #expect(result.stdout.contains("6 checks failed"), "\(result)")
        }
    }

    @Test("a missing shared secret is named as such")
    func missingSecret() async throws {
        try await withSandbox { sandbox in
            let closed = try freeLocalPort()
            try sandbox.writeConfig("""
                matrix:
                  homeserver: "127.0.0.1:\(closed)"
                  endpoint: http://127.0.0.1:\(closed)/

                """)

            let result = try await sandbox.sesame("doctor", "--timeout", "2")

            #expect(result.exitCode == 1, "\(result)")
            #expect(result.stdout.contains("✗ Synapse accepts the shared secret\n    problem: matrix.secret is not set"), "\(result)")
        }
    }
}
