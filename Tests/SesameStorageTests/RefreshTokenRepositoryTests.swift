import Foundation
import SesameModel
import SesameStorage
import Testing

@Suite("OAuth refresh tokens")
struct RefreshTokenRepositoryTests {
    let fixtures = Fixtures()

    private func session(_ client: OAuthClient, _ user: User) -> OAuthSession {
        OAuthSession(id: OAuthSessionID(date: fixtures.clock.now()), clientID: client.id, userID: user.id, scope: ["openid"], createdAt: fixtures.clock.now())
    }

    private func token(in session: OAuthSession, accessToken: AccessToken? = nil) -> RefreshToken {
        RefreshToken(id: RefreshTokenID(date: fixtures.clock.now()), sessionID: session.id, accessTokenID: accessToken?.id, createdAt: fixtures.clock.now())
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
        let access = AccessToken(id: AccessTokenID(date: fixtures.clock.now()), sessionID: oauth.id, createdAt: fixtures.clock.now(), expiresAt: nil)
        let successor = token(in: oauth)
        var refresh = token(in: oauth, accessToken: access)
        refresh.consumedAt = fixtures.clock.now().addingTimeInterval(100)
        refresh.nextRefreshTokenID = successor.id
        refresh.revokedAt = fixtures.clock.now().addingTimeInterval(200)
        let stored = refresh
        let hash = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, [oauth])
            try await storage.transaction { repositories in
                try await repositories.accessTokens.add(access, tokenHash: fixtures.tokenHash())
                try await repositories.refreshTokens.add(successor, tokenHash: fixtures.tokenHash())
                try await repositories.refreshTokens.add(stored, tokenHash: hash)
            }
            let byID = try await storage.read { try await $0.refreshTokens.find(id: stored.id) }
            let byHash = try await storage.read { try await $0.refreshTokens.find(tokenHash: hash) }
            #expect(byID == stored)
            #expect(byHash == stored)
        }
    }

    @Test("an unknown hash finds nothing", arguments: TestBackend.available)
    func unknownHash(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let stored = token(in: oauth)
        let other = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, [oauth])
            try await storage.transaction { try await $0.refreshTokens.add(stored, tokenHash: fixtures.tokenHash()) }
            let found = try await storage.read { try await $0.refreshTokens.find(tokenHash: other) }
            #expect(found == nil)
        }
    }

    @Test("a token is consumed once: the second use loses", arguments: TestBackend.available)
    func consumeTwice(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let old = token(in: oauth)
        fixtures.clock.advance(by: 1)
        let next = token(in: oauth)
        let replay = token(in: oauth)
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, [oauth])
            try await storage.transaction { repositories in
                for token in [old, next, replay] { try await repositories.refreshTokens.add(token, tokenHash: fixtures.tokenHash()) }
            }
            let first = try await storage.transaction { try await $0.refreshTokens.consume(id: old.id, next: next.id, at: now) }
            let second = try await storage.transaction { try await $0.refreshTokens.consume(id: old.id, next: replay.id, at: now.addingTimeInterval(5)) }
            let found = try await storage.read { try await $0.refreshTokens.find(id: old.id) }
            #expect(first == true)
            #expect(second == false)
            #expect(found?.consumedAt == now)
            #expect(found?.nextRefreshTokenID == next.id)
        }
    }

    @Test("of two concurrent uses of one token, exactly one wins", arguments: TestBackend.available)
    func concurrentConsume(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let old = token(in: oauth)
        let successors = (0..<4).map { _ in token(in: oauth) }
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, [oauth])
            try await storage.transaction { repositories in
                for token in [old] + successors { try await repositories.refreshTokens.add(token, tokenHash: fixtures.tokenHash()) }
            }
            let winners = try await withThrowingTaskGroup(of: RefreshTokenID?.self) { group in
                for next in successors {
                    group.addTask {
                        try await storage.transaction { try await $0.refreshTokens.consume(id: old.id, next: next.id, at: now) } ? next.id : nil
                    }
                }
                return try await group.reduce(into: [RefreshTokenID]()) { if let id = $1 { $0.append(id) } }
            }
            let found = try await storage.read { try await $0.refreshTokens.find(id: old.id) }
            #expect(winners.count == 1)
            #expect(found?.nextRefreshTokenID == winners.first)
        }
    }

    @Test("a revoked token cannot be consumed", arguments: TestBackend.available)
    func consumeRevoked(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let old = token(in: oauth)
        let next = token(in: oauth)
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, [oauth])
            try await storage.transaction { repositories in
                try await repositories.refreshTokens.add(old, tokenHash: fixtures.tokenHash())
                try await repositories.refreshTokens.add(next, tokenHash: fixtures.tokenHash())
                try await repositories.refreshTokens.revokeAll(in: oauth.id, at: now)
            }
            let consumed = try await storage.transaction { try await $0.refreshTokens.consume(id: old.id, next: next.id, at: now) }
            let found = try await storage.read { try await $0.refreshTokens.find(id: old.id) }
            #expect(consumed == false)
            #expect(found?.consumedAt == nil)
            #expect(found?.nextRefreshTokenID == nil)
        }
    }

    @Test("revoking a session's tokens touches only its valid tokens", arguments: TestBackend.available)
    func revokeAll(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let phone = session(client, alice)
        let laptop = session(client, alice)
        let used = token(in: phone)
        let current = token(in: phone)
        let other = token(in: laptop)
        let consumedAt = fixtures.clock.now().addingTimeInterval(5)
        let now = fixtures.clock.now().addingTimeInterval(50)
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, [phone, laptop])
            try await storage.transaction { repositories in
                for token in [used, current, other] { try await repositories.refreshTokens.add(token, tokenHash: fixtures.tokenHash()) }
                _ = try await repositories.refreshTokens.consume(id: used.id, next: current.id, at: consumedAt)
            }
            try await storage.transaction { try await $0.refreshTokens.revokeAll(in: phone.id, at: now) }
            let usedNow = try await storage.read { try await $0.refreshTokens.find(id: used.id) }
            let currentNow = try await storage.read { try await $0.refreshTokens.find(id: current.id) }
            let otherNow = try await storage.read { try await $0.refreshTokens.find(id: other.id) }
            #expect(currentNow?.revokedAt == now)
            #expect(usedNow?.revokedAt == nil)
            #expect(usedNow?.consumedAt == consumedAt)
            #expect(otherNow == other)
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
                try await storage.transaction { try await $0.refreshTokens.add(orphan, tokenHash: fixtures.tokenHash()) }
            }
        }
    }

    @Test("one lookup by hash returns the refresh token with its session and user", arguments: TestBackend.available)
    func findWithSession(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let access = AccessToken(id: AccessTokenID(date: fixtures.clock.now()), sessionID: oauth.id, createdAt: fixtures.clock.now(), expiresAt: nil)
        let successor = token(in: oauth)
        var refresh = token(in: oauth, accessToken: access)
        refresh.consumedAt = fixtures.clock.now().addingTimeInterval(100)
        refresh.nextRefreshTokenID = successor.id
        let stored = refresh
        let hash = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, [oauth])
            try await storage.transaction { repositories in
                try await repositories.accessTokens.add(access, tokenHash: fixtures.tokenHash())
                try await repositories.refreshTokens.add(successor, tokenHash: fixtures.tokenHash())
                try await repositories.refreshTokens.add(stored, tokenHash: hash)
            }
            let found = try #require(try await storage.read { try await $0.refreshTokens.findWithSession(tokenHash: hash) })
            let session = try await storage.read { try await $0.oauthSessions.find(id: oauth.id) }
            let user = try await storage.read { try await $0.users.find(id: alice.id) }
            #expect(found.token == stored)
            #expect(found.session == session)
            #expect(found.user == user)
            let unknown = try await storage.read { try await $0.refreshTokens.findWithSession(tokenHash: fixtures.tokenHash()) }
            #expect(unknown == nil)
        }
    }
}
