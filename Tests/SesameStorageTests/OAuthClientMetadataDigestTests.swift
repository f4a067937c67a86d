import Foundation
import SesameModel
import SesameStorage
import Testing

@Suite("OAuth clients by metadata digest")
struct OAuthClientMetadataDigestTests {
    let fixtures = Fixtures()
    let digest = String(repeating: "ab", count: 32)

    @Test("a client stored under a digest is found by it", arguments: TestBackend.available)
    func findsByDigest(backend: TestBackend) async throws {
        let client = fixtures.client()
        let digest = digest
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.oauthClients.add(client, metadataDigest: digest) }
            let found = try await storage.read { try await $0.oauthClients.find(metadataDigest: digest) }
            #expect(found == client)
        }
    }

    @Test("an unknown digest finds nothing", arguments: TestBackend.available)
    func unknownDigest(backend: TestBackend) async throws {
        let client = fixtures.client()
        let digest = digest
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.oauthClients.add(client, metadataDigest: digest) }
            let found = try await storage.read { try await $0.oauthClients.find(metadataDigest: String(repeating: "cd", count: 32)) }
            #expect(found == nil)
        }
    }

    @Test("clients added without a digest never match one", arguments: TestBackend.available)
    func plainClientsHaveNoDigest(backend: TestBackend) async throws {
        let first = fixtures.client()
        fixtures.clock.advance(by: 1)
        let second = fixtures.client()
        try await withFreshStorage(backend) { storage in
            // Two digest-less clients also show that NULL digests do not collide in the unique index.
            try await storage.transaction { repositories in
                try await repositories.oauthClients.add(first)
                try await repositories.oauthClients.add(second)
            }
            let found = try await storage.read { try await $0.oauthClients.find(metadataDigest: "") }
            #expect(found == nil)
        }
    }

    @Test("a second client under a taken digest is a unique violation", arguments: TestBackend.available)
    func takenDigest(backend: TestBackend) async throws {
        let first = fixtures.client()
        fixtures.clock.advance(by: 1)
        let second = fixtures.client()
        let digest = digest
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.oauthClients.add(first, metadataDigest: digest) }
            let error = await #expect(throws: StorageError.self) {
                try await storage.transaction { try await $0.oauthClients.add(second, metadataDigest: digest) }
            }
            guard case .uniqueViolation = error else {
                Issue.record("expected a unique violation, got \(String(describing: error))")
                return
            }
        }
    }

    @Test("upserting a client keeps its digest", arguments: TestBackend.available)
    func upsertKeepsDigest(backend: TestBackend) async throws {
        let client = fixtures.client()
        var edited = client
        edited.clientName = "Renamed"
        let renamed = edited
        let digest = digest
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.oauthClients.add(client, metadataDigest: digest) }
            try await storage.transaction { try await $0.oauthClients.upsert(renamed) }
            let found = try await storage.read { try await $0.oauthClients.find(metadataDigest: digest) }
            #expect(found == renamed)
        }
    }
}
