import ArgumentParser
import Foundation
import Logging
import SesameAccounts
import SesameCrypto
import SesameMatrix
import SesameModel
import SesameServer
import SesameStorage

/// `sesame manage issue-compatibility-token USERNAME [DEVICE_ID] [--yes-i-want-to-grant-synapse-admin-privileges]`:
/// a Matrix access token for an operator or a script, as MAS's command of the same name. With the
/// flag, Synapse treats the token as a server admin's, so it works against `/_synapse/admin/*`.
struct IssueCompatibilityTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue-compatibility-token",
        abstract: "Issue a Matrix access token (mct_…) that does not expire, optionally with Synapse admin rights.",
        discussion: "The device is created on the homeserver first, so the token works at once. Revoke it by logging the device out."
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The username (Matrix localpart).") var username: String
    @Argument(help: "The device ID; a random one when omitted.") var deviceID: String?
    @Flag(name: .customLong("yes-i-want-to-grant-synapse-admin-privileges"), help: "Make the token a Synapse server admin's.")
    var synapseAdmin = false

    func run() async throws {
        try await runReportingFailures {
            let config = try options.loadConfig().resolvingSecretFiles()
            var logger = Logger(label: "sesame")
            logger.logLevel = .warning
            try SesameServerRunner.prepareDataDirectory(config)
            let storage = try await SesameServerRunner.openStorage(config: config, logger: logger)
            do {
                _ = try await storage.migrate()
                let issued = try await issue(config: config, storage: storage, logger: logger)
                print(issued.accessToken)
                printError("issued a compatibility token for \(issued.userID) on device \(issued.deviceID)\(issued.isSynapseAdmin ? " with Synapse admin rights" : "")")
                await storage.close()
            } catch let error as CompatTokenIssueError {
                await storage.close()
                throw CLIFailure.invalidInput(error.description)
            } catch {
                await storage.close()
                throw error
            }
        }
    }

    private func issue(config: SesameConfig, storage: any Storage, logger: Logger) async throws -> IssuedCompatibilityToken {
        let clock = SystemWallClock()
        let accounts = AccountService(storage: storage, hasher: try PasswordHasher(config.passwords), clock: clock)
        let service = CompatLoginService(
            storage: storage, clock: clock, homeserver: SesameServerRunner.homeserver(for: config, logger: logger), accounts: accounts,
            settings: CompatLoginSettings(passwordLoginEnabled: config.passwords.enabled),
            rateLimiter: .masDefaults(clock: clock), logger: logger
        )
        return try await service.issueCompatibilityToken(username: username, deviceID: deviceID, synapseAdmin: synapseAdmin)
    }
}
