import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SesameAPI
import SesameAccounts
import SesameCrypto
import SesameModel
import SesameOAuth
import SesameStorage
import Testing

/// One in-process admin API over a fresh SQLite file: services, a manual clock, the routes, and
/// factories for users, clients and tokens. (Copied in small from the OAuth tests' harness.)
struct AdminHarness: Sendable {
    let services: OAuthServices
    let clock: ManualWallClock
    let accounts: AccountService
    /// An admin client's client-credentials token with `urn:mas:admin`.
    let adminToken: String

    var storage: any Storage { services.storage }

    /// Runs `body` with a fresh harness and a client for its router.
    static func with(_ body: @Sendable (AdminHarness, any TestClientProtocol) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-admin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = try await StorageFactory.open(.sqlite(path: folder.appendingPathComponent("db").path), logger: Logger(label: "test"))
        _ = try await storage.migrate()
        let clock = ManualWallClock(step: 0.001)
        let now = clock.now()
        let adminClient = OAuthClient(
            id: ClientID(date: now), clientName: "Admin tool", grantTypes: [.clientCredentials],
            tokenEndpointAuthMethod: .clientSecretBasic, createdAt: now
        )
        var settings = OAuthSettings(issuer: "https://auth.example.com/")
        settings.matrixServerName = "example.com"
        settings.adminClientIDs = [adminClient.id]
        let keys = try await SigningKeySet(keys: [SigningKey.generate(.es256)])
        let services = OAuthServices(storage: storage, clock: clock, settings: settings, signingKeys: keys, secretBox: SecretBox(key: EncryptionKey.generate()))
        let accounts = AccountService(storage: storage, hasher: try PasswordHasher(schemes: [1: .bcrypt(cost: 4)], currentVersion: 1), clock: clock)
        try await storage.transaction { try await $0.oauthClients.add(adminClient) }
        let adminToken = try await Self.token(services: services, clock: clock, client: adminClient, user: nil, scope: [MatrixScope.masAdmin])
        let harness = AdminHarness(services: services, clock: clock, accounts: accounts, adminToken: adminToken)
        let router = Router()
        AdminAPIRoutes(services: services, accounts: accounts).register(on: router)
        let app = Application(router: router)
        do {
            try await app.test(.router) { client in try await body(harness, client) }
            await storage.close()
        } catch {
            await storage.close()
            throw error
        }
    }

    /// Mints an access token for a new OAuth session of `client` (acting for `user`, or the client itself).
    static func token(services: OAuthServices, clock: ManualWallClock, client: OAuthClient, user: User?, scope: Scope) async throws -> String {
        let now = clock.now()
        let session = OAuthSession(id: OAuthSessionID(date: now), clientID: client.id, userID: user?.id, scope: scope, createdAt: now)
        return try await services.storage.transaction { repositories in
            try await repositories.oauthSessions.add(session)
            return try await TokenIssuer(settings: services.settings).issue(for: session, withRefreshToken: false, at: now, in: repositories).accessToken.value
        }
    }

    /// A token for `user` (or the client) through a fresh public client.
    func token(user: User?, scope: Scope) async throws -> String {
        let client = try await self.client()
        return try await Self.token(services: services, clock: clock, client: client, user: user, scope: scope)
    }

    /// Stores a public client.
    func client(name: String = "Example App") async throws -> OAuthClient {
        let now = clock.now()
        let client = OAuthClient(id: ClientID(date: now), clientName: name, redirectURIs: ["https://app.example.com/callback"], createdAt: now)
        try await storage.transaction { try await $0.oauthClients.add(client) }
        return client
    }

    /// Registers a user.
    func user(_ name: String = "alice", admin: Bool = false) async throws -> User {
        try await accounts.register(username: name, password: "correct horse battery", email: nil, canRequestAdmin: admin)
    }

    /// A browser session for `user`.
    func browserSession(for user: User) async throws -> BrowserSession {
        let now = clock.now()
        let session = BrowserSession(id: BrowserSessionID(date: now), userID: user.id, createdAt: now)
        try await storage.transaction { try await $0.browserSessions.add(session) }
        return session
    }

    /// A compat session for `user` on device `device`.
    func compatSession(for user: User, device: String = "LEGACYDEV") async throws -> CompatSession {
        let now = clock.now()
        let session = CompatSession(id: CompatSessionID(date: now), userID: user.id, deviceID: DeviceID(device)!, createdAt: now)
        try await storage.transaction { try await $0.compatSessions.add(session) }
        return session
    }

    /// An OAuth session for `user` with a device scope.
    func oauthSession(for user: User) async throws -> OAuthSession {
        let client = try await client()
        let now = clock.now()
        let session = OAuthSession(id: OAuthSessionID(date: now), clientID: client.id, userID: user.id, scope: [MatrixScope.api, "urn:matrix:client:device:PHONE"], createdAt: now)
        try await storage.transaction { try await $0.oauthSessions.add(session) }
        return session
    }
}

/// A parsed answer of the admin API.
struct AdminAnswer {
    let status: HTTPResponse.Status
    let json: Any?

    /// The value at a dotted path (`data.attributes.username`; numbers index arrays).
    subscript(path: String) -> Any? {
        var current: Any? = json
        for part in path.split(separator: ".") {
            if let index = Int(part), let array = current as? [Any] {
                current = index < array.count ? array[index] : nil
            } else {
                current = (current as? [String: Any])?[String(part)]
            }
        }
        return current
    }

    /// `errors.0.title`.
    var errorTitle: String? { self["errors.0.title"] as? String }
}

extension TestClientProtocol {
    /// Calls the admin API at `path` (under `/api/admin/v1`) with the given bearer token and JSON body.
    func admin(_ method: HTTPRequest.Method, _ path: String, token: String?, body: String? = nil) async throws -> AdminAnswer {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: "/api/admin/v1" + path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            let data = Data(buffer: response.body)
            return AdminAnswer(status: response.status, json: data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data))
        }
    }
}
