import Foundation
import SesameModel
import SesameStorage
import Testing

/// The two writes the token endpoint makes when a client retries a refresh whose response it lost:
/// revoke the unused successor, then point the old token at the newest one.
@Suite("OAuth refresh tokens: lost-response retry")
struct RefreshTokenRetryRepositoryTests {
    let fixtures = Fixtures()

    private func session(_ client: OAuthClient, _ user: User) -> OAuthSession {
        OAuthSession(id: OAuthSessionID(date: fixtures.clock.now()), clientID: client.id, userID: user.id, scope: ["openid"], createdAt: fixtures.clock.now())
    }

    private func token(in session: OAuthSession) -> RefreshToken {
        RefreshToken(id: RefreshTokenID(date: fixtures.clock.now()), sessionID: session.id, accessTokenID: nil, createdAt: fixtures.clock.now())
    }

    /// Stores a user, a client, a session and the given tokens.
    private func seed(_ storage: any Storage, _ user: User, _ client: OAuthClient, _ session: OAuthSession, _ tokens: [RefreshToken]) async throws {
        try await storage.transaction { repositories in
            try await repositories.users.add(user)
            try await repositories.oauthClients.add(client)
            try await repositories.oauthSessions.add(session)
            for token in tokens { try await repositories.refreshTokens.add(token, tokenHash: fixtures.tokenHash()) }
        }
    }

    @Test("revoking one valid token marks only that token", arguments: TestBackend.available)
    func revokeOne(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let target = token(in: oauth)
        let bystander = token(in: oauth)
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, oauth, [target, bystander])
            let revoked = try await storage.transaction { try await $0.refreshTokens.revoke(id: target.id, at: now) }
            let targetNow = try await storage.read { try await $0.refreshTokens.find(id: target.id) }
            let bystanderNow = try await storage.read { try await $0.refreshTokens.find(id: bystander.id) }
            #expect(revoked == true)
            #expect(targetNow?.revokedAt == now)
            #expect(bystanderNow == bystander)
        }
    }

    @Test("revoking an already revoked or consumed token writes nothing and says so", arguments: TestBackend.available)
    func revokeSpent(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let consumed = token(in: oauth)
        let next = token(in: oauth)
        let first = fixtures.clock.now()
        let later = first.addingTimeInterval(30)
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, oauth, [consumed, next])
            _ = try await storage.transaction { try await $0.refreshTokens.consume(id: consumed.id, next: next.id, at: first) }
            _ = try await storage.transaction { try await $0.refreshTokens.revoke(id: next.id, at: first) }
            let revokedConsumed = try await storage.transaction { try await $0.refreshTokens.revoke(id: consumed.id, at: later) }
            let revokedTwice = try await storage.transaction { try await $0.refreshTokens.revoke(id: next.id, at: later) }
            let consumedNow = try await storage.read { try await $0.refreshTokens.find(id: consumed.id) }
            let nextNow = try await storage.read { try await $0.refreshTokens.find(id: next.id) }
            #expect(revokedConsumed == false)
            #expect(revokedTwice == false)
            #expect(consumedNow?.revokedAt == nil)
            #expect(nextNow?.revokedAt == first)
        }
    }

    @Test("a consumed token is re-pointed at a newer successor while it still names the expected one", arguments: TestBackend.available)
    func replaceNext(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let old = token(in: oauth)
        let lost = token(in: oauth)
        let newest = token(in: oauth)
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, oauth, [old, lost, newest])
            _ = try await storage.transaction { try await $0.refreshTokens.consume(id: old.id, next: lost.id, at: now) }
            let replaced = try await storage.transaction { try await $0.refreshTokens.replaceNext(of: old.id, expected: lost.id, with: newest.id) }
            let found = try await storage.read { try await $0.refreshTokens.find(id: old.id) }
            #expect(replaced == true)
            #expect(found?.nextRefreshTokenID == newest.id)
            #expect(found?.consumedAt == now)
        }
    }

    @Test("re-pointing loses when the token no longer names the expected successor", arguments: TestBackend.available)
    func replaceNextStale(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let old = token(in: oauth)
        let lost = token(in: oauth)
        let winner = token(in: oauth)
        let loser = token(in: oauth)
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client, oauth, [old, lost, winner, loser])
            _ = try await storage.transaction { try await $0.refreshTokens.consume(id: old.id, next: lost.id, at: now) }
            let first = try await storage.transaction { try await $0.refreshTokens.replaceNext(of: old.id, expected: lost.id, with: winner.id) }
            let second = try await storage.transaction { try await $0.refreshTokens.replaceNext(of: old.id, expected: lost.id, with: loser.id) }
            let found = try await storage.read { try await $0.refreshTokens.find(id: old.id) }
            #expect(first == true)
            #expect(second == false)
            #expect(found?.nextRefreshTokenID == winner.id)
        }
    }
}
