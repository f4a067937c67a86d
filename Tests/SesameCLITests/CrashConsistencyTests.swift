import Foundation
import Testing

/// SQLite must keep every transaction whole when the process dies mid-write (power cut, OOM
/// killer, `kill -9`). `sesame-crash-writer` commits user + password + email transactions in a
/// loop; it is killed at an arbitrary moment and the file is checked.
@Suite("crash consistency")
struct CrashConsistencyTests {
    /// What `sesame-crash-writer --verify` prints.
    struct Summary: Decodable {
        let users: Int
        let problems: [String]
    }

    @Test("SIGKILL during writes leaves only whole transactions, three times over")
    func killDuringWrites() async throws {
        try await withSandbox { sandbox in
            var usersBefore = 0
            for round in 1...3 {
                let writer = try sandbox.launch(Binaries.crashWriter, [sandbox.databasePath])
                try #require(await writer.waitForOutput(containing: "ready", timeout: .seconds(60)), "round \(round): \(writer.transcript)")
                try await Task.sleep(for: .milliseconds(1500))
                // On a loaded machine make sure some commits happened before the kill.
                try #require(await writer.waitForOutput(containing: "committed", timeout: .seconds(60)), "round \(round): \(writer.transcript)")
                writer.send(SIGKILL)
                let killed = await writer.waitForExit(timeout: .seconds(10))
                try #require(killed == 128 + SIGKILL, "round \(round): \(writer.transcript)")

                let verify = try await sandbox.run(Binaries.crashWriter, ["--verify", sandbox.databasePath])

                let summary = try JSONDecoder().decode(Summary.self, from: Data(verify.stdout.utf8))
                #expect(verify.exitCode == 0, "round \(round): \(verify)")
                #expect(summary.problems.isEmpty, "round \(round): \(summary.problems.prefix(10))")
                #expect(summary.users > usersBefore, "round \(round): \(summary.users) users, \(usersBefore) before")
                usersBefore = summary.users
            }
        }
    }
}
