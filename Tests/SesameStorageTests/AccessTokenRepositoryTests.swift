import Foundation
import SesameModel
import SesameStorage
import Testing

@Suite("OAuth access tokens")
struct AccessTokenRepositoryTests {
    let fixtures = Fixtures()

    private func session(_ client: OAuthClient, _ user: User) -> OAuthSession {
        OAuthSession(id: OAuthSessionID(date: fixtures.clock.now()), clientID: client.id, userID: user.id, scope: ["openid"], createdAt: fixtures.clock.now())
    }

    private func token(in session: OAuthSession, lifetime: TimeInterval? = 300) -> AccessToken {
        AccessToken(
            id: AccessTokenID(date: fixtures.clock.now()), sessionID: session.id, createdAt: fixtures.clock.now(),
            expiresAt: lifetime.map { fixtures.clock.now().addingTimeInterval($0) }
        )
    }

    /// Stores a user, a client and the given sessions.
    private func seed(_ storage: any Storage, _ user: User, _ client: OAuthClient, _ sessions: [OAuthSession]) async throws {
        try await storage.transaction { repositories in
            try await repositories.users.add(user)
            try await repositories.oauthClients.add(client)
            for session in sessions { try await repositories.oauthSessions.add(session) }
        }
    }

    @Test("a stored token reads back with every field, by ID and by hash", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        var accessToken = token(in: oauth)
        accessToken.revokedAt = fixtures.clock.now().addingTimeInterval(200)
        accessToken.firstUsedAt = fixtures.clock.now().addingTimeInterval(1)
        let stored = accessToken
        let hash = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, [oauth])
            try await storage.transaction { try await $0.accessTokens.add(stored, tokenHash: hash) }
            let byID = try await storage.read { try await $0.accessTokens.find(id: stored.id) }
            let byHash = try await storage.read { try await $0.accessTokens.find(tokenHash: hash) }
            #expect(byID == stored)
            #expect(byHash == stored)
        }
    }

    @Test("a token that never expires reads back without an expiry", arguments: TestBackend.available)
    func roundTripWithoutExpiry(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let forever = token(in: oauth, lifetime: nil)
        let hash = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, [oauth])
            try await storage.transaction { try await $0.accessTokens.add(forever, tokenHash: hash) }
            let found = try await storage.read { try await $0.accessTokens.find(tokenHash: hash) }
            #expect(found == forever)
            #expect(found?.expiresAt == nil)
        }
    }

    @Test("an unknown hash finds nothing", arguments: TestBackend.available)
    func unknownHash(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let stored = token(in: oauth)
        let hash = fixtures.tokenHash()
        let other = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, [oauth])
            try await storage.transaction { try await $0.accessTokens.add(stored, tokenHash: hash) }
            let found = try await storage.read { try await $0.accessTokens.find(tokenHash: other) }
            #expect(found == nil)
        }
    }

    @Test("two tokens with the same hash are a unique violation", arguments: TestBackend.available)
    func duplicateHash(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let first = token(in: oauth)
        let second = token(in: oauth)
        let hash = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, [oauth])
            try await storage.transaction { try await $0.accessTokens.add(first, tokenHash: hash) }
            let error = await #expect(throws: StorageError.self) {
                try await storage.transaction { try await $0.accessTokens.add(second, tokenHash: hash) }
            }
            guard let error else { return }
            guard case .uniqueViolation = error else {
                Issue.record("expected a unique violation, got \(error)")
                return
            }
        }
    }

    @Test("a token for a missing session is refused", arguments: TestBackend.available)
    func missingSession(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let unsaved = session(client, alice)
        let orphan = token(in: unsaved)
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, [])
            await #expect(throws: (any Error).self) {
                try await storage.transaction { try await $0.accessTokens.add(orphan, tokenHash: fixtures.tokenHash()) }
            }
        }
    }

    @Test("the first use is recorded once and later uses keep it", arguments: TestBackend.available)
    func markFirstUsed(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let stored = token(in: oauth)
        let first = fixtures.clock.now().addingTimeInterval(2)
        let later = fixtures.clock.now().addingTimeInterval(30)
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, [oauth])
            try await storage.transaction { try await $0.accessTokens.add(stored, tokenHash: fixtures.tokenHash()) }
            try await storage.transaction { try await $0.accessTokens.markFirstUsed(id: stored.id, at: first) }
            try await storage.transaction { try await $0.accessTokens.markFirstUsed(id: stored.id, at: later) }
            let found = try await storage.read { try await $0.accessTokens.find(id: stored.id) }
            #expect(found?.firstUsedAt == first)
        }
    }

    @Test("a revoked token is no longer valid", arguments: TestBackend.available)
    func revoke(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let stored = token(in: oauth)
        let now = fixtures.clock.now().addingTimeInterval(10)
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, [oauth])
            try await storage.transaction { try await $0.accessTokens.add(stored, tokenHash: fixtures.tokenHash()) }
            try await storage.transaction { try await $0.accessTokens.revoke(id: stored.id, at: now) }
            let found = try await storage.read { try await $0.accessTokens.find(id: stored.id) }
            #expect(found?.revokedAt == now)
            #expect(found?.isValid(at: now) == false)
        }
    }

    @Test("revoking a session's tokens leaves other sessions' tokens and earlier revocations alone", arguments: TestBackend.available)
    func revokeAll(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let phone = session(client, alice)
        let laptop = session(client, alice)
        let current = token(in: phone)
        let old = token(in: phone)
        let other = token(in: laptop)
        let earlier = fixtures.clock.now().addingTimeInterval(5)
        let now = fixtures.clock.now().addingTimeInterval(50)
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, [phone, laptop])
            try await storage.transaction { repositories in
                for token in [current, old, other] { try await repositories.accessTokens.add(token, tokenHash: fixtures.tokenHash()) }
                try await repositories.accessTokens.revoke(id: old.id, at: earlier)
            }
            try await storage.transaction { try await $0.accessTokens.revokeAll(in: phone.id, at: now) }
            let currentNow = try await storage.read { try await $0.accessTokens.find(id: current.id) }
            let oldNow = try await storage.read { try await $0.accessTokens.find(id: old.id) }
            let otherNow = try await storage.read { try await $0.accessTokens.find(id: other.id) }
            #expect(currentNow?.revokedAt == now)
            #expect(oldNow?.revokedAt == earlier)
            #expect(otherNow == other)
        }
    }

    @Test("one lookup by hash returns the token with its session and user, as separate reads would", arguments: TestBackend.available)
    func findWithSession(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        var oauth = session(client, alice)
        oauth.humanName = "Alice's phone"
        oauth.activity = ActivityRecord(userAgent: "Element/1.0", lastActiveAt: fixtures.clock.now().addingTimeInterval(3), lastActiveIP: "192.0.2.7")
        let stored = oauth
        var accessToken = token(in: oauth)
        accessToken.firstUsedAt = fixtures.clock.now().addingTimeInterval(1)
        let storedToken = accessToken
        let hash = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, [stored])
            try await storage.transaction { try await $0.accessTokens.add(storedToken, tokenHash: hash) }
            let found = try #require(try await storage.read { try await $0.accessTokens.findWithSession(tokenHash: hash) })
            let session = try await storage.read { try await $0.oauthSessions.find(id: stored.id) }
            let user = try await storage.read { try await $0.users.find(id: alice.id) }
            #expect(found.token == storedToken)
            #expect(found.session == session)
            #expect(found.session.humanName == "Alice's phone")
            #expect(found.user == user)
            #expect(found.user?.username == alice.username)
        }
    }

    @Test("a client's own session (client credentials) is found with no user", arguments: TestBackend.available)
    func findWithSessionWithoutUser(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let own = OAuthSession(id: OAuthSessionID(date: fixtures.clock.now()), clientID: client.id, userID: nil, scope: ["urn:mas:admin"], createdAt: fixtures.clock.now())
        let stored = token(in: own)
        let hash = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, [own])
            try await storage.transaction { try await $0.accessTokens.add(stored, tokenHash: hash) }
            let found = try #require(try await storage.read { try await $0.accessTokens.findWithSession(tokenHash: hash) })
            #expect(found.token == stored)
            #expect(found.session.userID == nil)
            #expect(found.session.clientID == client.id)
            #expect(found.user == nil)
            let unknown = try await storage.read { try await $0.accessTokens.findWithSession(tokenHash: fixtures.tokenHash()) }
            #expect(unknown == nil)
        }
    }
}
