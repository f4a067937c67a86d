import Foundation
import Logging
import SesameAccounts
import SesameCrypto
import SesameModel
import SesameStorage

/// The Matrix client-server login API for clients that do not speak OAuth (`/login`, `/logout`,
/// `/logout/all`, `/refresh`), as MAS's compat handlers implement it: sessions of one device each,
/// `mct_` access and `mcr_` refresh tokens, the device created on the homeserver before the
/// client sees a token. No HTTP here; the server's routes call these methods.
public struct CompatLoginService: Sendable {
    let storage: any Storage
    let clock: any WallClock
    let homeserver: any HomeserverConnection
    let accounts: AccountService
    let settings: CompatLoginSettings
    let rateLimiter: LoginRateLimiter
    let logger: Logger

    /// Creates the service over its collaborators.
    public init(
        storage: any Storage, clock: any WallClock, homeserver: any HomeserverConnection, accounts: AccountService,
        settings: CompatLoginSettings, rateLimiter: LoginRateLimiter, logger: Logger = Logger(label: "sesame.compat")
    ) {
        self.storage = storage
        self.clock = clock
        self.homeserver = homeserver
        self.accounts = accounts
        self.settings = settings
        self.rateLimiter = rateLimiter
        self.logger = logger
    }

    /// `GET /login`: password (when enabled), SSO (which is OAuth underneath, MSC3824) and the
    /// token login that completes SSO.
    public func flows() -> LoginFlows {
        var flows: [LoginFlow] = []
        if settings.passwordLoginEnabled { flows.append(LoginFlow(type: "m.login.password")) }
        flows.append(LoginFlow(type: "m.login.sso", delegatedOIDCCompatibility: true))
        flows.append(LoginFlow(type: "m.login.token"))
        return LoginFlows(flows: flows)
    }

    /// `POST /login`: checks the credentials, then creates the session and its device.
    public func login(json: Data, ip: String?, userAgent: String?) async throws(MatrixError) -> CompatLoginResponse {
        try await answering {
            let request = try CompatLoginRequest(json: json)
            let options = SessionOptions(
                deviceID: request.deviceID, displayName: request.initialDeviceDisplayName, refreshable: request.wantsRefreshToken,
                isSynapseAdmin: false, userAgent: userAgent, ip: ip
            )
            switch request.credentials {
            case .password(let typed, let password):
                let user = try await passwordUser(typed: typed, password: password, ip: ip)
                return try await startSession(for: user, options)
            case .token(let token):
                return try await exchangeLoginToken(token, options)
            }
        }
    }

    /// `m.login.password`: the user whose password this is, or the one error for every wrong guess.
    private func passwordUser(typed: String, password: String, ip: String?) async throws -> User {
        guard settings.passwordLoginEnabled else { throw MatrixError.passwordLoginDisabled }
        guard let localpart = MatrixUserName.localpart(typed, serverName: homeserver.serverName) else {
            throw MatrixError.invalidCredentials
        }
        // Limited by the name typed, not the account found, so the limit behaves the same whether
        // or not the account exists; only wrong guesses are charged.
        try rateLimiter.requireAdmitted(ip: ip, account: localpart)
        let found = try await storage.read({ try await $0.users.find(username: localpart) })
        guard try await accounts.verifyPassword(password, for: found), let user = found else {
            rateLimiter.recordFailure(ip: ip, account: localpart)
            throw MatrixError.invalidCredentials
        }
        // Only someone holding the password learns that the account is locked or deactivated.
        try Self.requireUsable(user)
        return user
    }

    /// Refuses a deactivated or locked account with the spec's error codes.
    static func requireUsable(_ user: User) throws(MatrixError) {
        if user.deactivatedAt != nil { throw .userDeactivated }
        if user.lockedAt != nil { throw .userLocked }
    }

    /// Runs an operation, passing Matrix errors through and turning anything else into
    /// `M_UNKNOWN` for the client and one log line for the operator.
    func answering<T>(_ body: () async throws -> T) async throws(MatrixError) -> T {
        do {
            return try await body()
        } catch let error as MatrixError {
            throw error
        } catch {
            logger.error("compat request failed", metadata: ["error": "\(error)"])
            throw .internalError
        }
    }
}
