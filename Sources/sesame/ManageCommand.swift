import ArgumentParser
import Foundation
import Logging
import SesameAccounts
import SesameCrypto
import SesameModel
import SesameServer
import SesameStorage

/// `sesame manage …`: account administration from the shell.
struct ManageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manage", abstract: "Manage users.",
        subcommands: [
            RegisterUser.self, SetPassword.self, LockUser.self, UnlockUser.self, DeactivateUser.self, ReactivateUser.self, ListUsers.self,
            IssueCompatibilityTokenCommand.self, SendTestEmailCommand.self,
        ]
    )

    /// `sesame manage register-user USERNAME`.
    struct RegisterUser: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "register-user", abstract: "Create a user.")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The username (Matrix localpart).") var username: String
        @Option(help: "Initial password; omit for an account without one.") var password: String?
        @Option(help: "A (confirmed) email address.") var email: String?
        @Flag(help: "Allow the user to request admin scopes.") var admin = false

        func run() async throws {
            try await withAccounts(options) { accounts in
                let user = try await accounts.register(username: username, password: password, email: email, canRequestAdmin: admin)
                print("registered \(user.username) (id \(user.id))")
            }
        }
    }

    /// `sesame manage set-password USERNAME`.
    struct SetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-password", abstract: "Set a user's password (read from standard input when --password is omitted).")

        @OptionGroup var options: GlobalOptions
        @Argument var username: String
        @Option(help: "The new password.") var password: String?

        func run() async throws {
            try await withAccounts(options) { accounts in
                // Reading from stdin keeps the password out of shell history and `ps`.
                guard let newPassword = password ?? readLine(strippingNewline: true) else {
                    throw CLIFailure.invalidInput("no password given: pass --password or write it to standard input")
                }
                try await accounts.setPassword(username: username, password: newPassword)
                print("password set for \(username)")
            }
        }
    }

    /// `sesame manage lock-user USERNAME`.
    struct LockUser: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "lock-user", abstract: "Lock a user: their sessions stop working until unlocked.")

        @OptionGroup var options: GlobalOptions
        @Argument var username: String

        func run() async throws {
            try await withAccounts(options) { accounts in
                try await accounts.setLocked(username: username, true)
                print("locked \(username)")
            }
        }
    }

    /// `sesame manage unlock-user USERNAME`.
    struct UnlockUser: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unlock-user", abstract: "Unlock a locked user.")

        @OptionGroup var options: GlobalOptions
        @Argument var username: String

        func run() async throws {
            try await withAccounts(options) { accounts in
                try await accounts.setLocked(username: username, false)
                print("unlocked \(username)")
            }
        }
    }

    /// `sesame manage deactivate-user USERNAME`.
    struct DeactivateUser: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deactivate-user",
            abstract: "Deactivate a user: end all their sessions and deactivate them on the homeserver."
        )

        @OptionGroup var options: GlobalOptions
        @Argument var username: String
        @Flag(help: "Also ask the homeserver to erase the user's data (GDPR erasure).") var erase = false

        func run() async throws {
            try await withAccounts(options) { accounts in
                try await accounts.deactivate(username: username, erase: erase)
                print("deactivated \(username)")
            }
        }
    }

    /// `sesame manage reactivate-user USERNAME`.
    struct ReactivateUser: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reactivate-user", abstract: "Reactivate a deactivated user.")

        @OptionGroup var options: GlobalOptions
        @Argument var username: String

        func run() async throws {
            try await withAccounts(options) { accounts in
                try await accounts.reactivate(username: username)
                print("reactivated \(username)")
            }
        }
    }

    /// `sesame manage list-users`.
    struct ListUsers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-users", abstract: "List users, one per line: username, state, admin, created.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "Only users in this state: active, locked or deactivated.") var state: String?
        @Flag(help: "Print JSON lines instead of a table.") var json = false

        func run() async throws {
            try await withAccounts(options) { accounts in
                var filter = UserFilter()
                if let state {
                    guard let parsed = UserFilter.State(rawValue: state) else {
                        throw CLIFailure.invalidInput("unknown state \(state); use active, locked or deactivated")
                    }
                    filter.state = parsed
                }
                var page = PageRequest(limit: 500)
                while true {
                    let users = try await accounts.listUsers(filter, page: page)
                    for user in users { print(json ? Self.jsonLine(user) : Self.tableLine(user)) }
                    guard users.count == page.limit, let last = users.last else { break }
                    page = PageRequest(after: last.id.description, limit: page.limit)
                }
            }
        }

        static func state(_ user: User) -> String {
            user.deactivatedAt != nil ? "deactivated" : user.lockedAt != nil ? "locked" : "active"
        }

        static func tableLine(_ user: User) -> String {
            "\(user.username)\t\(state(user))\t\(user.canRequestAdmin ? "admin" : "-")\t\(user.createdAt.formatted(.iso8601))"
        }

        static func jsonLine(_ user: User) -> String {
            let object: [String: Any] = [
                "id": user.id.description, "username": user.username.rawValue, "state": state(user),
                "can_request_admin": user.canRequestAdmin, "created_at": user.createdAt.formatted(.iso8601),
            ]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }
}

/// Opens (and migrates) the database, runs `body` with account operations, and closes it.
private func withAccounts(_ options: GlobalOptions, _ body: (AccountService) async throws -> Void) async throws {
    try await runReportingFailures {
        let config = try options.loadConfig()
        var logger = Logger(label: "sesame")
        logger.logLevel = .warning
        try SesameServerRunner.prepareDataDirectory(config)
        let storage = try await SesameServerRunner.openStorage(config: config, logger: logger)
        do {
            _ = try await storage.migrate()
            try await body(AccountService(storage: storage, hasher: try PasswordHasher(config.passwords), clock: SystemWallClock()))
            await storage.close()
        } catch {
            await storage.close()
            throw error
        }
    }
}
