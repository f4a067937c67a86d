import Foundation
import Logging
import SesameAccounts
import SesameCrypto
import SesameModel
import SesameOAuth
import SesameStorage
import Testing
@_exported import SesameTestSupport

/// One in-process OAuth world over a fresh database (SQLite, or PostgreSQL when the test is
/// parameterised over `TestBackend.available`): services, a manual clock, and factories
/// for the users and clients a scenario needs. Shared by every OAuth test file.
struct OAuthHarness: Sendable {
    let services: OAuthServices
    let clock: ManualWallClock
    let accounts: AccountService

    var storage: any Storage { services.storage }
    var settings: OAuthSettings { services.settings }

    /// Runs `body` with a fresh harness over a new, empty database on `backend`; `configure`
    /// adjusts the settings first.
    static func with<T: Sendable>(
        _ backend: TestBackend = .sqlite,
        configure: (inout OAuthSettings) -> Void = { _ in },
        homeserver: any HomeserverConnection = NoHomeserver(serverName: "example.com"),
        _ body: (OAuthHarness) async throws -> T
    ) async throws -> T {
        var settings = OAuthSettings(issuer: "https://auth.example.com/")
        settings.matrixServerName = "example.com"
        configure(&settings)
        let keys = try await SigningKeySet.shared()
        return try await withFreshStorage(backend) { storage in
            let clock = ManualWallClock(step: 0.001)
            let services = OAuthServices(
                storage: storage, clock: clock, settings: settings, signingKeys: keys,
                secretBox: SecretBox(key: EncryptionKey.generate()), homeserver: homeserver
            )
            // A cheap bcrypt scheme keeps password tests fast; hashing strength is tested in SesameCrypto.
            let accounts = AccountService(storage: storage, hasher: try PasswordHasher(schemes: [1: .bcrypt(cost: 4)], currentVersion: 1), clock: clock)
            return try await body(OAuthHarness(services: services, clock: clock, accounts: accounts))
        }
    }

    /// Registers a user with a password.
    func user(_ name: String = "alice", password: String = "correct horse battery", admin: Bool = false) async throws -> User {
        try await accounts.register(username: name, password: password, email: "\(name)@example.com", canRequestAdmin: admin)
    }

    /// Stores a client; confidential clients get `secret` encrypted at rest.
    func client(
        authMethod: ClientAuthMethod = .none, secret: String? = nil,
        grantTypes: Set<GrantType> = [.authorizationCode, .refreshToken],
        redirectURIs: [String] = ["https://app.example.com/callback"], allowedScope: Scope? = nil
    ) async throws -> OAuthClient {
        let now = clock.now()
        let client = OAuthClient(
            id: ClientID(date: now), clientName: "Example App", clientURI: "https://app.example.com/", redirectURIs: redirectURIs,
            grantTypes: grantTypes, tokenEndpointAuthMethod: authMethod,
            encryptedClientSecret: try secret.map { try services.secretBox.seal($0) }, allowedScope: allowedScope, createdAt: now
        )
        try await storage.transaction { try await $0.oauthClients.add(client) }
        return client
    }

    /// A browser session for `user` with a password authentication, as the login page would make.
    func browserSession(for user: User) async throws -> BrowserSession {
        let now = clock.now()
        let session = BrowserSession(id: BrowserSessionID(date: now), userID: user.id, createdAt: now)
        try await storage.transaction { repositories in
            try await repositories.browserSessions.add(session)
            try await repositories.browserSessions.addAuthentication(
                Authentication(id: AuthenticationID(date: now), browserSessionID: session.id, method: .password, createdAt: now)
            )
        }
        return session
    }
}

extension SigningKeySet {
    /// One RSA and one EC key per test process: RSA generation is slow and the keys are not under test here.
    static func shared() async throws -> SigningKeySet {
        try await SharedKeys.instance.keySet()
    }
}

private actor SharedKeys {
    static let instance = SharedKeys()
    private var cached: SigningKeySet?

    func keySet() async throws -> SigningKeySet {
        if let cached { return cached }
        let set = try await SigningKeySet(keys: [SigningKey.generate(.rs256), SigningKey.generate(.es256)])
        cached = set
        return set
    }
}
