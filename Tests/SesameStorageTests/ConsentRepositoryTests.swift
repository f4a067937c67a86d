import Foundation
import SesameModel
import SesameStorage
import Testing

@Suite("Consents")
struct ConsentRepositoryTests {
    let fixtures = Fixtures()

    @Test("granted scope accumulates per user and client", arguments: TestBackend.available)
    func accumulate(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let bob = fixtures.user("bob")
        let client = fixtures.client()
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.users.add(bob)
                try await repositories.oauthClients.add(client)
                try await repositories.consents.grant(userID: alice.id, clientID: client.id, scope: ["openid"], at: now)
                try await repositories.consents.grant(userID: alice.id, clientID: client.id, scope: ["openid", "email"], at: now)
            }
            let aliceScope = try await storage.read { try await $0.consents.grantedScope(userID: alice.id, clientID: client.id) }
            let bobScope = try await storage.read { try await $0.consents.grantedScope(userID: bob.id, clientID: client.id) }
            #expect(aliceScope == ["openid", "email"])
            #expect(bobScope.isEmpty)
        }
    }

    @Test("revoking forgets every granted token", arguments: TestBackend.available)
    func revoke(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.oauthClients.add(client)
                try await repositories.consents.grant(userID: alice.id, clientID: client.id, scope: ["openid", "email"], at: now)
                try await repositories.consents.revokeAll(userID: alice.id, clientID: client.id)
            }
            let scope = try await storage.read { try await $0.consents.grantedScope(userID: alice.id, clientID: client.id) }
            #expect(scope.isEmpty)
        }
    }
}
