import Foundation
import SesameModel
import SesameStorage
import Testing

@Suite("OAuth clients")
struct OAuthClientRepositoryTests {
    let fixtures = Fixtures()

    /// A confidential client with every optional field set.
    private func fullClient() -> OAuthClient {
        OAuthClient(
            id: ClientID(date: fixtures.clock.now()), isStatic: true, clientName: "Element", clientURI: "https://element.example/",
            logoURI: "https://element.example/logo.png", tosURI: "https://element.example/tos", policyURI: "https://element.example/privacy",
            redirectURIs: ["https://element.example/callback", "http://127.0.0.1/callback", "io.element.app:/callback"],
            grantTypes: [.authorizationCode, .refreshToken, .deviceCode, .clientCredentials],
            tokenEndpointAuthMethod: .privateKeyJWT, encryptedClientSecret: "v1.c2VjcmV0",
            jwks: #"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#,
            jwksURI: "https://element.example/jwks.json", applicationType: .native,
            contacts: ["admin@element.example", "security@element.example"],
            allowedScope: ["openid", "urn:matrix:org.matrix.msc2967.client:api:*"], createdAt: fixtures.clock.now()
        )
    }

    @Test("a stored client reads back with every field", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        let client = fullClient()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.oauthClients.add(client) }
            let found = try await storage.read { try await $0.oauthClients.find(id: client.id) }
            #expect(found == client)
        }
    }

    @Test("a public client with no lists and no scope limit reads back empty", arguments: TestBackend.available)
    func roundTripMinimal(backend: TestBackend) async throws {
        let client = OAuthClient(id: ClientID(date: fixtures.clock.now()), grantTypes: [], createdAt: fixtures.clock.now())
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.oauthClients.add(client) }
            let found = try await storage.read { try await $0.oauthClients.find(id: client.id) }
            #expect(found == client)
            #expect(found?.redirectURIs == [])
            #expect(found?.contacts == [])
            #expect(found?.allowedScope == nil)
            #expect(found?.isPublic == true)
        }
    }

    @Test("adding a client with a taken ID is a unique violation", arguments: TestBackend.available)
    func duplicateID(backend: TestBackend) async throws {
        let client = fixtures.client()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.oauthClients.add(client) }
            let error = await #expect(throws: StorageError.self) {
                try await storage.transaction { try await $0.oauthClients.add(client) }
            }
            guard let error else { return }
            guard case .uniqueViolation = error else {
                Issue.record("expected a unique violation, got \(error)")
                return
            }
        }
    }

    @Test("upserting an unknown client stores it", arguments: TestBackend.available)
    func upsertInserts(backend: TestBackend) async throws {
        let client = fullClient()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.oauthClients.upsert(client) }
            let found = try await storage.read { try await $0.oauthClients.find(id: client.id) }
            #expect(found == client)
        }
    }

    @Test("upserting a known client replaces every field", arguments: TestBackend.available)
    func upsertReplaces(backend: TestBackend) async throws {
        let original = fullClient()
        fixtures.clock.advance(by: 3600)
        let replacement = OAuthClient(
            id: original.id, isStatic: false, clientName: "Element X", redirectURIs: ["https://x.element.example/cb"],
            grantTypes: [.authorizationCode], tokenEndpointAuthMethod: .clientSecretBasic, encryptedClientSecret: "v1.bmV3",
            applicationType: .web, contacts: ["ops@element.example"], createdAt: fixtures.clock.now()
        )
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.oauthClients.add(original) }
            try await storage.transaction { try await $0.oauthClients.upsert(replacement) }
            let found = try await storage.read { try await $0.oauthClients.find(id: original.id) }
            let all = try await storage.read { try await $0.oauthClients.list(page: PageRequest()) }
            #expect(found == replacement)
            #expect(all.count == 1)
        }
    }

    @Test("listing pages through clients in creation order", arguments: TestBackend.available)
    func pagination(backend: TestBackend) async throws {
        var clients: [OAuthClient] = []
        for _ in 0..<5 {
            clients.append(fixtures.client())
            fixtures.clock.advance(by: 1)
        }
        let all = clients
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                for client in all.reversed() { try await repositories.oauthClients.add(client) }
            }
            let first = try await storage.read { try await $0.oauthClients.list(page: PageRequest(limit: 2)) }
            let second = try await storage.read { try await $0.oauthClients.list(page: PageRequest(after: first.last?.id.description, limit: 2)) }
            let last = try await storage.read { try await $0.oauthClients.list(page: PageRequest(after: second.last?.id.description, limit: 2)) }
            #expect(first == Array(all[0..<2]))
            #expect(second == Array(all[2..<4]))
            #expect(last == [all[4]])
        }
    }

    @Test("a deleted client is gone, with its sessions", arguments: TestBackend.available)
    func delete(backend: TestBackend) async throws {
        let client = fixtures.client()
        let session = OAuthSession(id: OAuthSessionID(date: fixtures.clock.now()), clientID: client.id, userID: nil, scope: ["urn:synapse:admin:*"], createdAt: fixtures.clock.now())
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.oauthClients.add(client)
                try await repositories.oauthSessions.add(session)
            }
            try await storage.transaction { try await $0.oauthClients.delete(id: client.id) }
            let found = try await storage.read { try await $0.oauthClients.find(id: client.id) }
            let orphan = try await storage.read { try await $0.oauthSessions.find(id: session.id) }
            #expect(found == nil)
            #expect(orphan == nil)
        }
    }
}
