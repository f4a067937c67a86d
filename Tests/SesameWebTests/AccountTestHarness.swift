import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SesameAccounts
import SesameCrypto
import SesameModel
import SesameOAuth
import SesameStorage
import SesameWeb
import Synchronization
import Testing

/// A homeserver that only remembers what it was asked, for the account pages' direct calls.
final class RecordingHomeserver: HomeserverConnection {
    let serverName = "example.com"
    private let log = Mutex<[String]>([])
    private let failing: Bool

    init(failing: Bool = false) { self.failing = failing }

    /// The calls made so far, e.g. `allow_cross_signing_reset alice`.
    var calls: [String] { log.withLock { $0 } }

    private func note(_ call: String) throws {
        log.withLock { $0.append(call) }
        if failing { throw RecordingHomeserverDown() }
    }

    func queryUser(localpart: String) async throws -> HomeserverUser? { nil }
    func isLocalpartAvailable(_ localpart: String) async throws -> Bool { true }
    func provisionUser(_ request: ProvisionUserRequest) async throws { try note("provision_user \(request.localpart)") }
    func upsertDevice(localpart: String, deviceID: DeviceID, displayName: String?) async throws { try note("upsert_device \(localpart) \(deviceID)") }
    func updateDeviceDisplayName(localpart: String, deviceID: DeviceID, displayName: String) async throws {}
    func deleteDevice(localpart: String, deviceID: DeviceID) async throws { try note("delete_device \(localpart) \(deviceID)") }
    func syncDevices(localpart: String, devices: Set<DeviceID>) async throws { try note("sync_devices \(localpart)") }
    func deleteUser(localpart: String, erase: Bool) async throws { try note("delete_user \(localpart)") }
    func reactivateUser(localpart: String) async throws {}
    func setDisplayName(localpart: String, displayName: String) async throws { try note("set_displayname \(localpart) \(displayName)") }
    func unsetDisplayName(localpart: String) async throws { try note("unset_displayname \(localpart)") }
    func allowCrossSigningReset(localpart: String) async throws { try note("allow_cross_signing_reset \(localpart)") }
}

struct RecordingHomeserverDown: Error {}

/// The account pages over a fresh SQLite file, with a recording homeserver and factories for the
/// sessions the pages list.
struct AccountWorld: Sendable {
    let services: OAuthServices
    let clock: ManualWallClock
    let accounts: AccountService
    let browser: Browser
    let homeserver: RecordingHomeserver

    var storage: any Storage { services.storage }

    static let sharedSecret = "homeserver-shared-secret"

    static func with(
        account: AccountPageOptions = AccountPageOptions(), homeserver: RecordingHomeserver = RecordingHomeserver(),
        _ body: @escaping @Sendable (AccountWorld) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-account-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = try await StorageFactory.open(.sqlite(path: folder.appendingPathComponent("db").path), logger: Logger(label: "test"))
        _ = try await storage.migrate()
        var settings = OAuthSettings(issuer: "https://auth.example.com/")
        settings.matrixServerName = "example.com"
        settings.matrixSharedSecret = sharedSecret
        let clock = ManualWallClock(step: 0.001)
        let services = OAuthServices(
            storage: storage, clock: clock, settings: settings, signingKeys: try await SigningKeySet.shared(),
            secretBox: SecretBox(key: EncryptionKey.generate()), homeserver: homeserver
        )
        let accounts = AccountService(storage: storage, hasher: try PasswordHasher(schemes: [1: .bcrypt(cost: 4)], currentVersion: 1), clock: clock)
        var options = WebOptions(passwordLoginEnabled: true, passwordRegistrationEnabled: false, secureCookies: true)
        options.account = account
        let router = Router(context: SesameRequestContext.self)
        WebRoutes(services: services, accounts: accounts, options: options).register(on: router)
        let app = Application(router: router)
        do {
            try await app.test(.router) { client in
                try await body(AccountWorld(services: services, clock: clock, accounts: accounts, browser: Browser(client: client), homeserver: homeserver))
            }
            await storage.close()
        } catch {
            await storage.close()
            throw error
        }
    }

    /// Registers a user with a password.
    @discardableResult
    func user(_ name: String, password: String = "correct horse battery", admin: Bool = false) async throws -> User {
        try await accounts.register(username: name, password: password, email: nil, canRequestAdmin: admin)
    }

    /// Signs this browser in through the login page.
    func signIn(_ name: String, password: String = "correct horse battery") async throws {
        let page = try await browser.get("/login")
        let response = try await browser.post("/login", ["csrf": try #require(page.csrf), "username": name, "password": password])
        #expect(response.status == .seeOther)
    }

    /// Registers alice and signs this browser in as her.
    @discardableResult
    func signedInAlice(admin: Bool = false) async throws -> User {
        let user = try await self.user("alice", admin: admin)
        try await signIn("alice")
        return user
    }

    /// Stores a public client.
    func client(name: String) async throws -> OAuthClient {
        let now = clock.now()
        let client = OAuthClient(
            id: ClientID(date: now), clientName: name, clientURI: "https://app.example.com/",
            redirectURIs: ["https://app.example.com/callback"], grantTypes: [.authorizationCode, .refreshToken],
            tokenEndpointAuthMethod: .none, createdAt: now
        )
        try await storage.transaction { try await $0.oauthClients.add(client) }
        return client
    }

    /// An OAuth session of `user` on a new client, holding Matrix device `device`, with a live access token.
    func oauthSession(for user: User, device: String = "OAUTHDEV", clientName: String = "Element X") async throws -> (OAuthSession, String) {
        let client = try await self.client(name: clientName)
        let now = clock.now()
        let scope = try #require(Scope(parsing: "openid urn:matrix:client:api:* urn:matrix:client:device:\(device)"))
        let session = OAuthSession(
            id: OAuthSessionID(date: now), clientID: client.id, userID: user.id, scope: scope, createdAt: now,
            activity: ActivityRecord(userAgent: "ElementX/1.0", lastActiveAt: now, lastActiveIP: "198.51.100.7")
        )
        let token = OpaqueToken.generate(.accessToken)
        try await storage.transaction { repositories in
            try await repositories.oauthSessions.add(session)
            try await repositories.accessTokens.add(
                AccessToken(id: AccessTokenID(date: now), sessionID: session.id, createdAt: now, expiresAt: now.addingTimeInterval(3600)),
                tokenHash: TokenHash(of: token).hex
            )
        }
        return (session, token.value)
    }

    /// A compat session of `user` holding `device`, with a live `mct_` token.
    func compatSession(for user: User, device: String = "COMPATDEV") async throws -> (CompatSession, String) {
        let now = clock.now()
        let session = CompatSession(
            id: CompatSessionID(date: now), userID: user.id, deviceID: try #require(DeviceID(device)), createdAt: now,
            activity: ActivityRecord(lastActiveAt: now, lastActiveIP: "203.0.113.9")
        )
        let token = OpaqueToken.generate(.compatAccessToken)
        try await storage.transaction { repositories in
            try await repositories.compatSessions.add(session)
            try await repositories.compatAccessTokens.add(
                CompatAccessToken(id: CompatAccessTokenID(date: now), sessionID: session.id, createdAt: now, expiresAt: nil),
                tokenHash: TokenHash(of: token).hex
            )
        }
        return (session, token.value)
    }

    /// Whether `token` is active at `/oauth2/introspect`, asked as the homeserver asks.
    func isActive(_ token: String) async throws -> Bool {
        let answer = try await IntrospectionEndpoint(services: services)
            .handle(form: FormParameters(["token": token]), credentials: nil, bearer: Self.sharedSecret).get()
        return answer.active
    }

    /// The homeserver jobs queued so far.
    func queuedJobs() async throws -> [HomeserverJob] {
        let jobs = try await storage.read { try await $0.jobs.list(state: .scheduled, page: PageRequest(limit: 1000)) }
        return try jobs.filter { $0.queue == HomeserverJob.queue }.map { try HomeserverJob(payload: $0.payload) }
    }

    /// The CSRF token of the page at `path` (fetched as this browser).
    func csrf(_ path: String = "/account/") async throws -> String {
        try #require(try await browser.get(path).csrf)
    }
}
