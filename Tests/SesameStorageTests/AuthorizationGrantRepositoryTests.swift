import Foundation
import SQLKit
import SesameModel
@testable import SesameStorage
import Testing

@Suite("Authorization grants")
struct AuthorizationGrantRepositoryTests {
    let fixtures = Fixtures()

    private func grant(for client: OAuthClient) -> AuthorizationGrant {
        AuthorizationGrant(
            id: AuthorizationGrantID(date: fixtures.clock.now()), clientID: client.id, redirectURI: "https://app.example.com/callback",
            scope: ["openid", "email"], createdAt: fixtures.clock.now()
        )
    }

    private func session(_ client: OAuthClient, _ user: User) -> OAuthSession {
        OAuthSession(id: OAuthSessionID(date: fixtures.clock.now()), clientID: client.id, userID: user.id, scope: ["openid", "email"], createdAt: fixtures.clock.now())
    }

    /// Stores the user, the client, the session a grant will be fulfilled into, and the grant.
    private func seed(_ storage: any Storage, _ user: User, _ client: OAuthClient, _ session: OAuthSession, _ grant: AuthorizationGrant, codeHash: String) async throws {
        try await storage.transaction { repositories in
            try await repositories.users.add(user)
            try await repositories.oauthClients.add(client)
            try await repositories.oauthSessions.add(session)
            try await repositories.authorizationGrants.add(grant, codeHash: codeHash)
        }
    }

    @Test("a pending grant reads back with every field, by ID and by code hash", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        let client = fixtures.client()
        let stored = AuthorizationGrant(
            id: AuthorizationGrantID(date: fixtures.clock.now()), clientID: client.id, redirectURI: "https://app.example.com/callback",
            scope: ["openid", "urn:matrix:org.matrix.msc2967.client:api:*"], state: "xyz-state", nonce: "n-0S6_WzA2Mj",
            responseMode: .formPost, pkce: PKCEChallenge(challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"), maxAge: 3600,
            loginHint: "mxid:@alice:example.com", requiresConsent: true, createdAt: fixtures.clock.now(),
            expectedSubject: "01J7R4Z1Q2X3Y4Z5A6B7C8D9EF"
        )
        let hash = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.oauthClients.add(client)
                try await repositories.authorizationGrants.add(stored, codeHash: hash)
            }
            let byID = try await storage.read { try await $0.authorizationGrants.find(id: stored.id) }
            let byHash = try await storage.read { try await $0.authorizationGrants.find(codeHash: hash) }
            #expect(byID == stored)
            #expect(byHash == stored)
            #expect(byID?.status == .pending)
        }
    }

    @Test("a grant without optional parameters reads back without them", arguments: TestBackend.available)
    func roundTripMinimal(backend: TestBackend) async throws {
        let client = fixtures.client()
        let stored = grant(for: client)
        let hash = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.oauthClients.add(client)
                try await repositories.authorizationGrants.add(stored, codeHash: hash)
            }
            let found = try await storage.read { try await $0.authorizationGrants.find(codeHash: hash) }
            #expect(found == stored)
            #expect(found?.pkce == nil)
            #expect(found?.maxAge == nil)
        }
    }

    @Test("a grant stored in any state reads back in that state", arguments: TestBackend.available)
    func roundTripStates(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let now = fixtures.clock.now()
        let states: [AuthorizationGrantState] = [
            .pending,
            .fulfilled(sessionID: oauth.id, fulfilledAt: now.addingTimeInterval(1)),
            .exchanged(sessionID: oauth.id, fulfilledAt: now.addingTimeInterval(1), exchangedAt: now.addingTimeInterval(2)),
            .cancelled(cancelledAt: now.addingTimeInterval(3)),
        ]
        let grants = states.map { state in
            var grant = grant(for: client)
            grant.status = state
            return grant
        }
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.oauthClients.add(client)
                try await repositories.oauthSessions.add(oauth)
                for grant in grants { try await repositories.authorizationGrants.add(grant, codeHash: fixtures.tokenHash()) }
            }
            for grant in grants {
                let found = try await storage.read { try await $0.authorizationGrants.find(id: grant.id) }
                #expect(found == grant)
            }
        }
    }

    @Test("an unknown code hash finds nothing", arguments: TestBackend.available)
    func unknownCode(backend: TestBackend) async throws {
        let client = fixtures.client()
        let stored = grant(for: client)
        let other = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.oauthClients.add(client)
                try await repositories.authorizationGrants.add(stored, codeHash: fixtures.tokenHash())
            }
            let found = try await storage.read { try await $0.authorizationGrants.find(codeHash: other) }
            #expect(found == nil)
        }
    }

    @Test("a grant for a missing client is refused", arguments: TestBackend.available)
    func missingClient(backend: TestBackend) async throws {
        let unregistered = fixtures.client()
        let orphan = grant(for: unregistered)
        try await withFreshStorage(backend) { storage in
            await #expect(throws: (any Error).self) {
                try await storage.transaction { try await $0.authorizationGrants.add(orphan, codeHash: fixtures.tokenHash()) }
            }
            let found = try await storage.read { try await $0.authorizationGrants.find(id: orphan.id) }
            #expect(found == nil)
        }
    }

    @Test("a pending grant is fulfilled once, bound to its session", arguments: TestBackend.available)
    func fulfillOnce(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let pending = grant(for: client)
        let now = fixtures.clock.now().addingTimeInterval(10)
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, oauth, pending, codeHash: fixtures.tokenHash())
            let first = try await storage.transaction { try await $0.authorizationGrants.fulfill(id: pending.id, sessionID: oauth.id, at: now) }
            let second = try await storage.transaction {
                try await $0.authorizationGrants.fulfill(id: pending.id, sessionID: oauth.id, at: now.addingTimeInterval(5))
            }
            let found = try await storage.read { try await $0.authorizationGrants.find(id: pending.id) }
            #expect(first == true)
            #expect(second == false)
            #expect(found?.status == .fulfilled(sessionID: oauth.id, fulfilledAt: now))
        }
    }

    @Test("a code is exchanged once: the second use loses", arguments: TestBackend.available)
    func exchangeOnce(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let pending = grant(for: client)
        let fulfilledAt = fixtures.clock.now().addingTimeInterval(10)
        let exchangedAt = fixtures.clock.now().addingTimeInterval(12)
        let hash = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, oauth, pending, codeHash: hash)
            _ = try await storage.transaction { try await $0.authorizationGrants.fulfill(id: pending.id, sessionID: oauth.id, at: fulfilledAt) }
            let first = try await storage.transaction { try await $0.authorizationGrants.exchange(id: pending.id, at: exchangedAt) }
            let second = try await storage.transaction { try await $0.authorizationGrants.exchange(id: pending.id, at: exchangedAt.addingTimeInterval(1)) }
            let found = try await storage.read { try await $0.authorizationGrants.find(codeHash: hash) }
            #expect(first == true)
            #expect(second == false)
            #expect(found?.status == .exchanged(sessionID: oauth.id, fulfilledAt: fulfilledAt, exchangedAt: exchangedAt))
        }
    }

    @Test("of two concurrent exchanges of one code, exactly one wins", arguments: TestBackend.available)
    func concurrentExchange(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let pending = grant(for: client)
        let now = fixtures.clock.now().addingTimeInterval(10)
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, oauth, pending, codeHash: fixtures.tokenHash())
            _ = try await storage.transaction { try await $0.authorizationGrants.fulfill(id: pending.id, sessionID: oauth.id, at: now) }
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await storage.transaction { try await $0.authorizationGrants.exchange(id: pending.id, at: now) } }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
        }
    }

    @Test("a grant the user has not approved cannot be exchanged", arguments: TestBackend.available)
    func exchangePending(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let pending = grant(for: client)
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, oauth, pending, codeHash: fixtures.tokenHash())
            let exchanged = try await storage.transaction { try await $0.authorizationGrants.exchange(id: pending.id, at: now) }
            let found = try await storage.read { try await $0.authorizationGrants.find(id: pending.id) }
            #expect(exchanged == false)
            #expect(found?.status == .pending)
        }
    }

    @Test("a cancelled grant can be neither fulfilled nor exchanged", arguments: TestBackend.available)
    func cancelPending(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let pending = grant(for: client)
        let cancelledAt = fixtures.clock.now().addingTimeInterval(10)
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, oauth, pending, codeHash: fixtures.tokenHash())
            try await storage.transaction { try await $0.authorizationGrants.cancel(id: pending.id, at: cancelledAt) }
            let fulfilled = try await storage.transaction {
                try await $0.authorizationGrants.fulfill(id: pending.id, sessionID: oauth.id, at: cancelledAt.addingTimeInterval(1))
            }
            let exchanged = try await storage.transaction { try await $0.authorizationGrants.exchange(id: pending.id, at: cancelledAt.addingTimeInterval(2)) }
            let found = try await storage.read { try await $0.authorizationGrants.find(id: pending.id) }
            #expect(fulfilled == false)
            #expect(exchanged == false)
            #expect(found?.status == .cancelled(cancelledAt: cancelledAt))
        }
    }

    @Test("cancelling an approved grant leaves it approved", arguments: TestBackend.available)
    func cancelFulfilled(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let pending = grant(for: client)
        let fulfilledAt = fixtures.clock.now().addingTimeInterval(10)
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, oauth, pending, codeHash: fixtures.tokenHash())
            _ = try await storage.transaction { try await $0.authorizationGrants.fulfill(id: pending.id, sessionID: oauth.id, at: fulfilledAt) }
            try await storage.transaction { try await $0.authorizationGrants.cancel(id: pending.id, at: fulfilledAt.addingTimeInterval(1)) }
            let found = try await storage.read { try await $0.authorizationGrants.find(id: pending.id) }
            #expect(found?.status == .fulfilled(sessionID: oauth.id, fulfilledAt: fulfilledAt))
        }
    }

    @Test("a row in no possible state is reported as corrupt", arguments: TestBackend.available)
    func impossibleState(backend: TestBackend) async throws {
        let client = fixtures.client()
        let pending = grant(for: client)
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.oauthClients.add(client)
                try await repositories.authorizationGrants.add(pending, codeHash: fixtures.tokenHash())
                // Exchanged without ever being fulfilled: no code path writes this.
                let sql = try #require(repositories as? SQLRepositories).sql
                try await sql.raw("UPDATE oauth_authorization_grants SET exchanged_at = \(bind: now) WHERE id = \(bind: pending.id.description)").run()
            }
            let error = await #expect(throws: StorageError.self) {
                try await storage.read { try await $0.authorizationGrants.find(id: pending.id) }
            }
            guard let error else { return }
            guard case .corruptRow(let table, _, _) = error else {
                Issue.record("expected a corrupt row, got \(error)")
                return
            }
            #expect(table == "oauth_authorization_grants")
        }
    }
}
