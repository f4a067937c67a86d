// Test fixture for the crash-consistency test in Tests/SesameCLITests.
//
//   sesame-crash-writer PATH           migrate the SQLite file, print "ready", then commit
//                                      user + password + email transactions until killed
//   sesame-crash-writer --verify PATH  check the file after a kill; print a JSON summary and exit
//                                      1 when a transaction is found half-applied
//
// The test kills the writer with SIGKILL at an arbitrary moment; every transaction must then be
// either wholly present or wholly absent.
import Foundation
import Logging  // reached through SesameStorage; StorageFactory takes a Logger
import SesameModel
import SesameStorage

/// Stored instead of a real hash: hashing would make each transaction ~70 ms, and the point is
/// the number of commits a kill can interrupt.
let placeholderHash = "$placeholder$crash-writer"
/// How often the writer reports progress on standard output.
let progressEvery = 50

/// Writes one line to standard output and flushes it, so a reader on a pipe sees it at once.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Reports a fatal problem on standard error and exits non-zero.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("sesame-crash-writer: \(message)\n".utf8))
    exit(1)
}

func openStorage(_ path: String) async throws -> any Storage {
    var logger = Logger(label: "sesame-crash-writer") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = Logger.Level.warning
    return try await StorageFactory.open(.sqlite(path: path), logger: logger)
}

/// Commits transactions of one user, one password and one email, forever.
func write(to path: String) async throws -> Never {
    let storage = try await openStorage(path)
    _ = try await storage.migrate()
    say("ready")
    var committed = 0
    while true {
        let now = Date()
        let userID = UserID(date: now)
        // A ULID is unique across restarts, so writes resume without clashing with earlier runs.
        let username = Username(trusted: "w-" + userID.description.lowercased())
        try await storage.transaction { repositories in
            try await repositories.users.add(User(id: userID, username: username, createdAt: now))
            try await repositories.passwords.add(UserPassword(
                id: UserPasswordID(date: now), userID: userID, hashedPassword: placeholderHash, schemeVersion: 1, createdAt: now
            ))
            try await repositories.emails.add(UserEmail(
                id: UserEmailID(date: now), userID: userID, email: "\(username.rawValue)@example.org", createdAt: now, confirmedAt: now
            ))
        }
        committed += 1
        if committed % progressEvery == 0 { say("committed \(committed)") }
    }
}

/// What `--verify` prints.
struct Summary: Encodable {
    var users = 0
    var problems: [String] = []
}

/// Checks the engine's integrity and that every user has its password and exactly one email.
func verify(_ path: String) async throws -> Summary {
    let storage = try await openStorage(path)
    var summary = Summary()
    do {
        summary.problems += try await storage.verifyIntegrity().map { "integrity_check: \($0)" }
        let counted = try await storage.read { try await $0.users.count(UserFilter()) }
        var page = PageRequest(limit: 1000)
        while true {
            let request = page
            let batch = try await storage.read { try await $0.users.list(UserFilter(), page: request) }
            for user in batch {
                summary.users += 1
                // The repositories expose only the current password, so "exactly one" is checked
                // as "present, the user's own, and the one the writer stored".
                let (password, emails) = try await storage.read { repositories in
                    (try await repositories.passwords.current(for: user.id), try await repositories.emails.list(for: user.id))
                }
                if let password {
                    if password.userID != user.id || password.hashedPassword != placeholderHash {
                        summary.problems.append("\(user.username): password row does not match the one written")
                    }
                } else {
                    summary.problems.append("\(user.username): no password")
                }
                if emails.count != 1 {
                    summary.problems.append("\(user.username): \(emails.count) emails, expected 1")
                } else if emails[0].email != "\(user.username.rawValue)@example.org" {
                    summary.problems.append("\(user.username): email \(emails[0].email) does not match the one written")
                }
            }
            guard batch.count == page.limit, let last = batch.last else { break }
            page = PageRequest(after: last.id.description, limit: page.limit)
        }
        if counted != summary.users {
            summary.problems.append("COUNT(*) says \(counted) users but listing returned \(summary.users)")
        }
    } catch {
        await storage.close()
        throw error
    }
    await storage.close()
    return summary
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.count {
case 1 where !arguments[0].hasPrefix("-"):
    do {
        try await write(to: arguments[0])
    } catch {
        fail("write failed: \(error)")
    }
case 2 where arguments[0] == "--verify":
    do {
        let summary = try await verify(arguments[1])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        say(String(decoding: try encoder.encode(summary), as: UTF8.self))
        exit(summary.problems.isEmpty ? 0 : 1)
    } catch {
        fail("verify failed: \(error)")
    }
default:
    FileHandle.standardError.write(Data("usage: sesame-crash-writer [--verify] SQLITE_PATH\n".utf8))
    exit(64)
}
