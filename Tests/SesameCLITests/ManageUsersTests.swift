import Foundation
import Testing

/// `sesame manage …`: an administrator handling accounts from the shell.
@Suite("sesame manage")
struct ManageUsersTests {
    /// Registers `username` as setup for a test about something else.
    static func register(_ username: String, in sandbox: Sandbox, _ extra: String...) async throws {
        let arguments = ["manage", "register-user", username, "--password", "correct horse battery staple"] + extra
        let result = try await sandbox.run(Binaries.sesame, arguments)
        try #require(result.exitCode == 0, "setup: \(result)")
    }

    /// The `list-users` table as [username: line].
    static func listUsers(in sandbox: Sandbox, _ extra: String...) async throws -> [String: String] {
        let result = try await sandbox.run(Binaries.sesame, ["manage", "list-users"] + extra)
        try #require(result.exitCode == 0, "\(result)")
        return Dictionary(result.stdoutLines.map { (String($0.split(separator: "\t").first ?? ""), $0) }) { first, _ in first }
    }

    @Test("register-user creates the user and prints the username")
    func register() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()

            let result = try await sandbox.sesame("manage", "register-user", "alice", "--password", "correct horse battery staple")

            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout.hasPrefix("registered alice (id "), "\(result)")
            #expect(result.stderr.isEmpty, "\(result)")
        }
    }

    @Test("registering a taken username exits 4")
    func registerTwice() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()
            try await Self.register("alice", in: sandbox)

            let result = try await sandbox.sesame("manage", "register-user", "alice", "--password", "another password")

            #expect(result.exitCode == 4, "\(result)")
            #expect(result.stderrLines.count == 1, "\(result)")
            #expect(result.stderr.contains("alice is already taken"), "\(result)")
        }
    }

    @Test("an invalid username exits 65 naming the bad character")
    func invalidUsername() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()

            let result = try await sandbox.sesame("manage", "register-user", "Alice!", "--password", "correct horse battery staple")

            #expect(result.exitCode == 65, "\(result)")
            #expect(result.stderrLines.count == 1, "\(result)")
            #expect(result.stderr.contains("Alice!"), "\(result)")
            #expect(result.stderr.contains("lower-case"), "\(result)")
            #expect(try await Self.listUsers(in: sandbox).isEmpty)
        }
    }

    @Test("list-users shows a new user as active")
    func listShowsActive() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()
            try await Self.register("alice", in: sandbox)

            let users = try await Self.listUsers(in: sandbox)

            let alice = try #require(users["alice"], "\(users)")
            #expect(alice.split(separator: "\t").dropFirst().first == "active", "\(alice)")
        }
    }

    @Test("a locked user is listed under --state locked")
    func lockUser() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()
            try await Self.register("alice", in: sandbox)
            try await Self.register("bob", in: sandbox)

            let result = try await sandbox.sesame("manage", "lock-user", "alice")

            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout == "locked alice\n", "\(result)")
            let locked = try await Self.listUsers(in: sandbox, "--state", "locked")
            #expect(Set(locked.keys) == ["alice"], "\(locked)")
            #expect(locked["alice"]?.contains("\tlocked\t") == true, "\(locked)")
        }
    }

    @Test("unlock-user makes a locked user active again")
    func unlockUser() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()
            try await Self.register("alice", in: sandbox)
            try #require(try await sandbox.sesame("manage", "lock-user", "alice").exitCode == 0)

            let result = try await sandbox.sesame("manage", "unlock-user", "alice")

            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout == "unlocked alice\n", "\(result)")
            #expect(try await Self.listUsers(in: sandbox, "--state", "locked").isEmpty)
            #expect(try await Self.listUsers(in: sandbox, "--state", "active").keys.contains("alice"))
        }
    }

    @Test("deactivate-user lists the user as deactivated and reactivate-user brings them back")
    func deactivateAndReactivate() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()
            try await Self.register("alice", in: sandbox)

            let deactivated = try await sandbox.sesame("manage", "deactivate-user", "alice")

            #expect(deactivated.exitCode == 0, "\(deactivated)")
            #expect(deactivated.stdout == "deactivated alice\n", "\(deactivated)")
            #expect(Set(try await Self.listUsers(in: sandbox, "--state", "deactivated").keys) == ["alice"])

            let reactivated = try await sandbox.sesame("manage", "reactivate-user", "alice")

            #expect(reactivated.exitCode == 0, "\(reactivated)")
            #expect(try await Self.listUsers(in: sandbox, "--state", "active").keys.contains("alice"))
        }
    }

    @Test("lock-user on an unknown user exits 3")
    func lockUnknownUser() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()

            let result = try await sandbox.sesame("manage", "lock-user", "nobody")

            #expect(result.exitCode == 3, "\(result)")
            #expect(result.stderrLines.count == 1, "\(result)")
            #expect(result.stderr.contains("nobody"), "\(result)")
        }
    }

    @Test("set-password for an unknown user exits 3 naming the user")
    func setPasswordUnknownUser() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()

            let result = try await sandbox.sesame("manage", "set-password", "carol", "--password", "correct horse battery staple")

            #expect(result.exitCode == 3, "\(result)")
            #expect(result.stderrLines.count == 1, "\(result)")
            #expect(result.stderr.contains("no user named carol"), "\(result)")
        }
    }

    @Test("set-password reads the new password from standard input")
    func setPasswordFromStdin() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()
            try await Self.register("alice", in: sandbox)

            let result = try await sandbox.sesame("manage", "set-password", "alice", input: "a brand new passphrase\n")

            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout == "password set for alice\n", "\(result)")
            #expect(!result.stdout.contains("brand new"), "\(result)")
            #expect(result.stderr.isEmpty, "\(result)")
        }
    }

    @Test("set-password with no --password and empty standard input exits 65")
    func setPasswordWithoutInput() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()
            try await Self.register("alice", in: sandbox)

            let result = try await sandbox.sesame("manage", "set-password", "alice")

            #expect(result.exitCode == 65, "\(result)")
            #expect(result.stderrLines.count == 1, "\(result)")
            #expect(result.stderr.contains("--password"), "\(result)")
        }
    }

    @Test("register-user --admin is listed as admin")
    func registerAdmin() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()
            try await Self.register("alice", in: sandbox)

            let result = try await sandbox.sesame("manage", "register-user", "bob", "--admin", "--password", "correct horse battery staple")

            #expect(result.exitCode == 0, "\(result)")
            let users = try await Self.listUsers(in: sandbox)
            #expect(users["bob"]?.split(separator: "\t").dropFirst(2).first == "admin", "\(users)")
            #expect(users["alice"]?.split(separator: "\t").dropFirst(2).first == "-", "\(users)")
        }
    }

    @Test("list-users --json prints one JSON object per line")
    func listJSON() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()
            try await Self.register("alice", in: sandbox)
            try await Self.register("bob", in: sandbox, "--admin")

            let result = try await sandbox.sesame("manage", "list-users", "--json")

            #expect(result.exitCode == 0, "\(result)")
            let objects = try result.stdoutLines.map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
            }
            #expect(objects.count == 2, "\(result)")
            let byName = Dictionary(uniqueKeysWithValues: objects.map { ($0["username"] as? String ?? "", $0) })
            #expect(byName["alice"]?["state"] as? String == "active", "\(result)")
            #expect(byName["alice"]?["can_request_admin"] as? Bool == false, "\(result)")
            #expect(byName["bob"]?["can_request_admin"] as? Bool == true, "\(result)")
            #expect((byName["bob"]?["id"] as? String)?.count == 26, "\(result)")
        }
    }

    @Test("an unknown --state exits 65 listing the valid ones")
    func unknownState() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()

            let result = try await sandbox.sesame("manage", "list-users", "--state", "sleepy")

            #expect(result.exitCode == 65, "\(result)")
            #expect(result.stderrLines.count == 1, "\(result)")
            #expect(result.stderr.contains("active, locked or deactivated"), "\(result)")
        }
    }

    @Test("a missing argument is a usage error, exit 64")
    func missingArgument() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig()

            let result = try await sandbox.sesame("manage", "register-user")

            #expect(result.exitCode == 64, "\(result)")
            #expect(result.stderr.contains("<username>"), "\(result)")
        }
    }
}
