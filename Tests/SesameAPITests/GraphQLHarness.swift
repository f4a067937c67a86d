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

/// The admin harness's services and factories, with the GraphQL routes on the router instead.
enum GraphQLHarness {
    /// Runs `body` with a fresh harness and a client for a router holding the GraphQL routes.
    static func with(
        playground: Bool = true, homeserver: any HomeserverConnection = NoHomeserver(), site: SiteConfiguration? = nil,
        emailCodes: (any EmailCodeSender)? = nil, recoveryLinks: (any RecoveryLinkSender)? = nil,
        loginLimiter: (@Sendable (any WallClock) -> LoginRateLimiter)? = nil,
        _ body: @Sendable (AdminHarness, any TestClientProtocol) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-graphql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = try await StorageFactory.open(.sqlite(path: folder.appendingPathComponent("db").path), logger: Logger(label: "test"))
        _ = try await storage.migrate()
        let clock = ManualWallClock(step: 0.001)
        var settings = OAuthSettings(issuer: "https://auth.example.com/")
        settings.matrixServerName = "example.com"
        let keys = try await SigningKeySet(keys: [SigningKey.generate(.es256)])
        let services = OAuthServices(
            storage: storage, clock: clock, settings: settings, signingKeys: keys, secretBox: SecretBox(key: EncryptionKey.generate()), homeserver: homeserver,
            loginLimiter: loginLimiter?(clock)
        )
        let accounts = AccountService(storage: storage, hasher: try PasswordHasher(schemes: [1: .bcrypt(cost: 4)], currentVersion: 1), clock: clock)
        // The admin harness's own admin token is unused here: GraphQL admin tokens are user tokens with both scopes.
        let harness = AdminHarness(services: services, clock: clock, accounts: accounts, adminToken: "")
        let router = Router()
        GraphQLRoutes(services: services, accounts: accounts, playgroundEnabled: playground, site: site, emailCodes: emailCodes, recoveryLinks: recoveryLinks).register(on: router)
        let app = Application(router: router)
        do {
            try await app.test(.router) { client in try await body(harness, client) }
            await storage.close()
        } catch {
            await storage.close()
            throw error
        }
    }
}

extension AdminHarness {
    /// A `sesame_session` cookie value naming `session`, sealed as SesameWeb seals it.
    func sessionCookie(for session: BrowserSession) throws -> String {
        try services.secretBox.seal(#"{"s":"\#(session.id)","c":"csrf"}"#)
    }
}

/// How a test request authenticates.
enum GraphQLCredential {
    case none
    case bearer(String)
    case cookie(String)
}

extension TestClientProtocol {
    /// POSTs a GraphQL request; returns the status and parsed JSON.
    func graphql(_ query: String, variables: [String: Any] = [:], as credential: GraphQLCredential = .none) async throws -> AdminAnswer {
        var headers: HTTPFields = [.contentType: "application/json"]
        switch credential {
        case .none: break
        case .bearer(let token): headers[.authorization] = "Bearer \(token)"
        case .cookie(let value): headers[.cookie] = "sesame_session=\(value)"
        }
        let body = try JSONSerialization.data(withJSONObject: ["query": query, "variables": variables])
        return try await execute(uri: "/graphql", method: .post, headers: headers, body: ByteBuffer(data: body)) { response in
            let data = Data(buffer: response.body)
            return AdminAnswer(status: response.status, json: data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data))
        }
    }
}

extension AdminAnswer {
    /// `errors.0.message`.
    var errorMessage: String? { self["errors.0.message"] as? String }
}
