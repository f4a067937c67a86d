import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import SesameCrypto
import SesameModel
import SesameServer
import SesameStorage
import Testing

/// Builds the whole application in-process over a temporary data folder.
func withTestServer(_ body: @escaping @Sendable (any TestClientProtocol, ServerParts) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-server-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var config = SesameConfig.default
    config.dataDirectory = folder.path
    let parts = try await SesameServerRunner.openParts(config: config, logger: Logger(label: "sesame.test"), clock: ManualWallClock())
    let app = Application(router: SesameRouter.make(parts))
    do {
        try await app.test(.router) { client in try await body(client, parts) }
        await parts.storage.close()
    } catch {
        await parts.storage.close()
        throw error
    }
}

@Suite("Server shell")
struct ServerShellTests {
    @Test("health answers 200 with the database engine while the database is up")
    func healthy() async throws {
        try await withTestServer { client, _ in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"database":"sqlite","status":"ok"}"#)
            }
        }
    }

    @Test("health answers 503 once the database is gone")
    func unhealthy() async throws {
        try await withTestServer { client, parts in
            await parts.storage.close()
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("unavailable"))
            }
        }
    }

    @Test("every response carries a request id")
    func requestID() async throws {
        try await withTestServer { client, _ in
            try await client.execute(uri: "/health", method: .get) { response in
                let id = try #require(response.headers[HTTPField.Name("X-Request-Id")!])
                #expect(id.count >= 16)
            }
        }
    }

    @Test("metrics count served requests in Prometheus text format")
    func metrics() async throws {
        try await withTestServer { client, _ in
            // Twice: the second is counted through the middleware's cached counter.
            try await client.execute(uri: "/health", method: .get) { _ in }
            try await client.execute(uri: "/health", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                #expect(text.contains(#"http_requests_total{method="GET",route="/health",status="200"} 2"#))
            }
        }
    }

    @Test("the JWKS publishes an RS256 and an ES256 key that verify tokens the server signs")
    func jwks() async throws {
        try await withTestServer { client, parts in
            try await client.execute(uri: "/oauth2/keys.json", method: .get) { response in
                let set = try JSONDecoder().decode(JSONWebKeySet.self, from: Data(buffer: response.body))
                #expect(Set(set.keys.map(\.algorithm)) == ["RS256", "ES256"])
                #expect(Set(set.keys.map(\.keyID)) == Set(parts.signingKeys.keys.map(\.kid)))
            }
        }
    }

    @Test("a second start reuses the generated keys and encryption key")
    func keysPersist() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var config = SesameConfig.default
        config.dataDirectory = folder.path
        let first = try await SesameServerRunner.openParts(config: config, logger: Logger(label: "t"))
        await first.storage.close()
        let second = try await SesameServerRunner.openParts(config: config, logger: Logger(label: "t"))
        await second.storage.close()
        #expect(first.signingKeys.keys.map(\.kid) == second.signingKeys.keys.map(\.kid))
        #expect(first.encryptionKey.hex == second.encryptionKey.hex)
    }

    @Test("static clients from the config are stored with their secret encrypted")
    func staticClients() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-clients-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = """
            data_directory: \(folder.path)
            clients:
              - client_id: 01J7R4Z1Q2X3Y4Z5A6B7C8D9EF
                client_auth_method: client_secret_basic
                client_secret: very-secret
                redirect_uris: [https://app.example.com/cb]
            """
        let config = try ConfigLoader.load(yaml: yaml, source: "c.yaml").config
        let parts = try await SesameServerRunner.openParts(config: config, logger: Logger(label: "t"))
        let id = try #require(ClientID("01J7R4Z1Q2X3Y4Z5A6B7C8D9EF"))
        let stored = try await parts.storage.read { try await $0.oauthClients.find(id: id) }
        await parts.storage.close()
        let client = try #require(stored)
        #expect(client.isStatic)
        #expect(client.redirectURIs == ["https://app.example.com/cb"])
        let sealed = try #require(client.encryptedClientSecret)
        #expect(!sealed.contains("very-secret"))
        #expect(try SecretBox(key: parts.encryptionKey).openString(sealed) == "very-secret")
    }
}
