import Foundation
import Logging
import SesameAccounts
import SesameCrypto
import SesameMatrix
import SesameModel
import SesameStorage
import Testing

/// One compat-layer world over a fresh SQLite file: the service, a manual clock, an in-memory
/// homeserver, and factories for the users and requests a scenario needs.
struct CompatHarness: Sendable {
    let service: CompatLoginService
    let storage: any Storage
    let clock: ManualWallClock
    let homeserver: InMemoryHomeserver
    let accounts: AccountService

    static let password = "correct horse battery"

    /// Runs `body` with a fresh harness.
    static func with<T: Sendable>(
        settings: CompatLoginSettings = CompatLoginSettings(),
        perIP: RateLimitRule = RateLimitRule(burst: 100, perSecond: 1),
        perAccount: RateLimitRule = RateLimitRule(burst: 100, perSecond: 1),
        _ body: (CompatHarness) async throws -> T
    ) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-compat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = try await StorageFactory.open(.sqlite(path: folder.appendingPathComponent("db").path), logger: Logger(label: "test"))
        _ = try await storage.migrate()
        let clock = ManualWallClock(step: 0.001)
        // A cheap bcrypt scheme keeps password tests fast; hashing strength is tested in SesameCrypto.
        let accounts = AccountService(storage: storage, hasher: try PasswordHasher(schemes: [1: .bcrypt(cost: 4)], currentVersion: 1), clock: clock)
        let homeserver = InMemoryHomeserver(serverName: "example.com")
        let service = CompatLoginService(
            storage: storage, clock: clock, homeserver: homeserver, accounts: accounts, settings: settings,
            rateLimiter: LoginRateLimiter(perIP: perIP, perAccount: perAccount, clock: clock)
        )
        let harness = CompatHarness(service: service, storage: storage, clock: clock, homeserver: homeserver, accounts: accounts)
        do {
            let result = try await body(harness)
            await storage.close()
            return result
        } catch {
            await storage.close()
            throw error
        }
    }

    /// Registers a user with the standard password and provisions them on the homeserver.
    @discardableResult
    func user(_ name: String = "alice") async throws -> User {
        let user = try await accounts.register(username: name, password: Self.password, email: nil, canRequestAdmin: false)
        try await homeserver.provisionUser(ProvisionUserRequest(localpart: name, subject: user.id.description))
        return user
    }

    /// A `/login` body as JSON.
    static func json(_ object: [String: Any]) -> Data {
        try! JSONSerialization.data(withJSONObject: object)
    }

    /// An `m.login.password` body with an `m.id.user` identifier.
    static func passwordLogin(
        _ user: String = "alice", password: String = CompatHarness.password, deviceID: String? = nil,
        displayName: String? = nil, refreshToken: Bool? = nil
    ) -> Data {
        var body: [String: Any] = ["type": "m.login.password", "identifier": ["type": "m.id.user", "user": user], "password": password]
        if let deviceID { body["device_id"] = deviceID }
        if let displayName { body["initial_device_display_name"] = displayName }
        if let refreshToken { body["refresh_token"] = refreshToken }
        return json(body)
    }

    /// Logs in with a password and answers the response.
    func login(
        _ user: String = "alice", deviceID: String? = nil, refreshToken: Bool? = nil, ip: String? = "192.0.2.1"
    ) async throws -> CompatLoginResponse {
        try await service.login(json: Self.passwordLogin(user, deviceID: deviceID, refreshToken: refreshToken), ip: ip, userAgent: "test")
    }

    /// The stored access token for a presented one.
    func storedAccessToken(_ token: String) async throws -> CompatAccessToken? {
        try await storage.read { try await $0.compatAccessTokens.find(tokenHash: TokenHash(of: token).hex) }
    }

    /// The session an access token belongs to.
    func session(of token: String) async throws -> CompatSession? {
        guard let access = try await storedAccessToken(token) else { return nil }
        return try await storage.read { try await $0.compatSessions.find(id: access.sessionID) }
    }

    /// Whether the token would still be accepted now (what introspection checks).
    func isUsable(_ token: String) async throws -> Bool {
        guard let access = try await storedAccessToken(token), access.isValid(at: clock.now()),
              let session = try await session(of: token) else { return false }
        return session.isActive
    }

    /// A signed-in browser session for `user`, as the login page would make.
    func browserSession(for user: User) async throws -> BrowserSession {
        let now = clock.now()
        let session = BrowserSession(id: BrowserSessionID(date: now), userID: user.id, createdAt: now)
        try await storage.transaction { try await $0.browserSessions.add(session) }
        return session
    }
}

/// Runs `body` and answers the Matrix error it threw, or nil (any other error fails the test).
func matrixError(_ body: () async throws -> Void) async -> MatrixError? {
    do {
        try await body()
        return nil
    } catch let error as MatrixError {
        return error
    } catch {
        Issue.record("expected a Matrix error, got \(error)")
        return nil
    }
}
