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
import Testing

/// One in-process Sesame web world over a fresh SQLite file: the pages on a Hummingbird router,
/// a manual clock, and factories for the users, clients and sessions a scenario needs.
struct WebHarness: Sendable {
    let services: OAuthServices
    let clock: ManualWallClock
    let accounts: AccountService
    let browser: Browser
    /// Every `POST` route the pages registered (captures written `{id}`).
    let postRoutes: [String]
    /// Every `GET` route the pages registered (captures written `{id}`).
    let getRoutes: [String]

    var storage: any Storage { services.storage }
    var issuer: String { services.settings.issuer }

    /// Runs `body` against the pages; `options`, `configure` and `compatSSO` adjust the deployment.
    static func with(
        options: WebOptions = WebOptions(passwordLoginEnabled: true, passwordRegistrationEnabled: true, secureCookies: true),
        configure: @Sendable (inout OAuthSettings) -> Void = { _ in },
        compatSSO: (any CompatSSOApprover)? = nil,
        rateLimits: (@Sendable (any WallClock) -> RateLimits)? = nil,
        _ body: @escaping @Sendable (WebHarness) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = try await StorageFactory.open(.sqlite(path: folder.appendingPathComponent("db").path), logger: Logger(label: "test"))
        _ = try await storage.migrate()
        var settings = OAuthSettings(issuer: "https://auth.example.com/")
        settings.matrixServerName = "example.com"
        configure(&settings)
        let clock = ManualWallClock(step: 0.001)
        let services = OAuthServices(
            storage: storage, clock: clock, settings: settings, signingKeys: try await SigningKeySet.shared(),
            secretBox: SecretBox(key: EncryptionKey.generate())
        )
        // A cheap bcrypt scheme keeps tests fast; hashing strength is tested in SesameCrypto.
        let accounts = AccountService(storage: storage, hasher: try PasswordHasher(schemes: [1: .bcrypt(cost: 4)], currentVersion: 1), clock: clock)
        let router = Router(context: SesameRequestContext.self)
        WebRoutes(services: services, accounts: accounts, options: options, compatSSO: compatSSO, rateLimits: rateLimits?(clock)).register(on: router)
        let postRoutes = router.routes.filter { $0.method == .post }.map { "\($0.path)" }
        let getRoutes = router.routes.filter { $0.method == .get }.map { "\($0.path)" }
        let app = Application(router: router)
        do {
            try await app.test(.router) { client in
                try await body(WebHarness(services: services, clock: clock, accounts: accounts, browser: Browser(client: client), postRoutes: postRoutes, getRoutes: getRoutes))
            }
            await storage.close()
        } catch {
            await storage.close()
            throw error
        }
    }

    /// Registers a user with a password.
    @discardableResult
    func user(_ name: String = "alice", password: String = "correct horse battery", admin: Bool = false) async throws -> User {
        try await accounts.register(username: name, password: password, email: "\(name)@example.com", canRequestAdmin: admin)
    }

    /// Stores a client (public with PKCE unless told otherwise).
    func client(
        authMethod: ClientAuthMethod = .none, grantTypes: Set<GrantType> = [.authorizationCode, .refreshToken, .deviceCode],
        redirectURIs: [String] = ["https://app.example.com/callback"], name: String = "Example App"
    ) async throws -> OAuthClient {
        let now = clock.now()
        let client = OAuthClient(
            id: ClientID(date: now), clientName: name, clientURI: "https://app.example.com/", tosURI: "https://app.example.com/tos",
            redirectURIs: redirectURIs, grantTypes: grantTypes, tokenEndpointAuthMethod: authMethod,
            encryptedClientSecret: authMethod == .none ? nil : try services.secretBox.seal("secret"), createdAt: now
        )
        try await storage.transaction { try await $0.oauthClients.add(client) }
        return client
    }

    /// Signs the browser in through the login page.
    func signIn(_ username: String = "alice", password: String = "correct horse battery") async throws {
        let page = try await browser.get("/login")
        let response = try await browser.post("/login", ["csrf": try #require(page.csrf), "username": username, "password": password])
        #expect(response.status == .seeOther)
    }

    /// The grant stored with `id`.
    func grant(_ id: AuthorizationGrantID) async throws -> AuthorizationGrant? {
        try await storage.read { try await $0.authorizationGrants.find(id: id) }
    }
}

/// PKCE values a well-behaved client would send.
enum TestPKCE {
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static var challenge: String { PKCE.challenge(for: verifier) }
}

/// A query string for `/authorize`: a valid public-client request unless `overrides` says otherwise
/// (a nil value drops the parameter).
func authorizeQuery(client: OAuthClient, _ overrides: [String: String?] = [:]) -> String {
    var parameters: [String: String?] = [
        "client_id": client.id.description, "redirect_uri": client.redirectURIs.first, "response_type": "code",
        "scope": "openid urn:matrix:client:api:*", "state": "xyz-state", "code_challenge": TestPKCE.challenge,
        "code_challenge_method": "S256",
    ]
    for (key, value) in overrides { parameters[key] = value }
    return "/authorize?" + formEncode(parameters.compactMapValues { $0 })
}

/// `application/x-www-form-urlencoded` text, keys sorted.
func formEncode(_ fields: [String: String]) -> String {
    let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    return fields.sorted { $0.key < $1.key }
        .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
        .joined(separator: "&")
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
