import Foundation
import SesameModel
import SesameStorage
import Testing

@Suite("OAuth sessions")
struct OAuthSessionRepositoryTests {
    let fixtures = Fixtures()

    private func session(_ client: OAuthClient, _ user: User?, browser: BrowserSession? = nil) -> OAuthSession {
        OAuthSession(
            id: OAuthSessionID(date: fixtures.clock.now()), clientID: client.id, userID: user?.id, browserSessionID: browser?.id,
            scope: ["openid", "urn:matrix:org.matrix.msc2967.client:api:*"], createdAt: fixtures.clock.now()
        )
    }

    /// Stores the user and client the sessions under test belong to.
    private func seed(_ storage: any Storage, _ user: User, _ client: OAuthClient) async throws {
        try await storage.transaction { repositories in
            try await repositories.users.add(user)
            try await repositories.oauthClients.add(client)
        }
    }

    @Test("a stored session reads back with every field", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let browser = BrowserSession(id: BrowserSessionID(date: fixtures.clock.now()), userID: alice.id, createdAt: fixtures.clock.now())
        var oauth = session(client, alice, browser: browser)
        oauth.finishedAt = fixtures.clock.now().addingTimeInterval(120)
        oauth.humanName = "Alice's phone"
        oauth.activity = ActivityRecord(userAgent: "Element X/1.0", lastActiveAt: fixtures.clock.now().addingTimeInterval(60), lastActiveIP: "2001:db8::1")
        let stored = oauth
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client)
            try await storage.transaction { repositories in
                try await repositories.browserSessions.add(browser)
                try await repositories.oauthSessions.add(stored)
            }
            let found = try await storage.read { try await $0.oauthSessions.find(id: stored.id) }
            #expect(found == stored)
        }
    }

    @Test("a client-credentials session without a user reads back without one", arguments: TestBackend.available)
    func roundTripWithoutUser(backend: TestBackend) async throws {
        let client = fixtures.client()
        let oauth = session(client, nil)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.oauthClients.add(client)
                try await repositories.oauthSessions.add(oauth)
            }
            let found = try await storage.read { try await $0.oauthSessions.find(id: oauth.id) }
            #expect(found == oauth)
            #expect(found?.userID == nil)
        }
    }

    @Test("a session for a missing client is refused", arguments: TestBackend.available)
    func missingClient(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let unregistered = fixtures.client()
        let oauth = session(unregistered, alice)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.users.add(alice) }
            await #expect(throws: (any Error).self) {
                try await storage.transaction { try await $0.oauthSessions.add(oauth) }
            }
            let found = try await storage.read { try await $0.oauthSessions.find(id: oauth.id) }
            #expect(found == nil)
        }
    }

    @Test("a user's sessions are listed newest first, and only theirs", arguments: TestBackend.available)
    func listNewestFirst(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        var sessions: [OAuthSession] = []
        for _ in 0..<3 {
            sessions.append(session(client, alice))
            fixtures.clock.advance(by: 1)
        }
        let all = sessions
        let machine = session(client, nil)
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client)
            try await storage.transaction { repositories in
                for session in all + [machine] { try await repositories.oauthSessions.add(session) }
            }
            let listed = try await storage.read { try await $0.oauthSessions.list(for: alice.id, activeOnly: false) }
            #expect(listed == all.reversed())
        }
    }

    @Test("listing active sessions leaves out finished ones", arguments: TestBackend.available)
    func listActiveOnly(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let ended = session(client, alice)
        fixtures.clock.advance(by: 1)
        let open = session(client, alice)
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client)
            try await storage.transaction { repositories in
                try await repositories.oauthSessions.add(ended)
                try await repositories.oauthSessions.add(open)
                try await repositories.oauthSessions.finish(id: ended.id, at: now)
            }
            let active = try await storage.read { try await $0.oauthSessions.list(for: alice.id, activeOnly: true) }
            let finished = try await storage.read { try await $0.oauthSessions.find(id: ended.id) }
            #expect(active == [open])
            #expect(finished?.finishedAt == now)
        }
    }

    @Test("finishing twice keeps the first end time", arguments: TestBackend.available)
    func finishTwice(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let first = fixtures.clock.now().addingTimeInterval(10)
        let second = fixtures.clock.now().addingTimeInterval(20)
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client)
            try await storage.transaction { repositories in
                try await repositories.oauthSessions.add(oauth)
                try await repositories.oauthSessions.finish(id: oauth.id, at: first)
                try await repositories.oauthSessions.finish(id: oauth.id, at: second)
            }
            let found = try await storage.read { try await $0.oauthSessions.find(id: oauth.id) }
            #expect(found?.finishedAt == first)
        }
    }

    @Test("a session can be named and the name cleared", arguments: TestBackend.available)
    func humanName(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client)
            try await storage.transaction { try await $0.oauthSessions.add(oauth) }

            try await storage.transaction { try await $0.oauthSessions.setHumanName(id: oauth.id, "Work laptop") }
            let named = try await storage.read { try await $0.oauthSessions.find(id: oauth.id) }
            #expect(named?.humanName == "Work laptop")

            try await storage.transaction { try await $0.oauthSessions.setHumanName(id: oauth.id, nil) }
            let cleared = try await storage.read { try await $0.oauthSessions.find(id: oauth.id) }
            #expect(cleared?.humanName == nil)
        }
    }

    @Test("recorded activity is read back, and a use without an address keeps the last one", arguments: TestBackend.available)
    func recordActivity(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let oauth = session(client, alice)
        let first = fixtures.clock.now().addingTimeInterval(10)
        let second = fixtures.clock.now().addingTimeInterval(20)
        try await withFreshStorage(backend) { storage in
            try await seed(storage, alice, client)
            try await storage.transaction { try await $0.oauthSessions.add(oauth) }

            try await storage.transaction { try await $0.oauthSessions.recordActivity(id: oauth.id, at: first, ip: "203.0.113.9") }
            let afterFirst = try await storage.read { try await $0.oauthSessions.find(id: oauth.id) }
            #expect(afterFirst?.activity == ActivityRecord(lastActiveAt: first, lastActiveIP: "203.0.113.9"))

            try await storage.transaction { try await $0.oauthSessions.recordActivity(id: oauth.id, at: second, ip: nil) }
            let afterSecond = try await storage.read { try await $0.oauthSessions.find(id: oauth.id) }
            #expect(afterSecond?.activity == ActivityRecord(lastActiveAt: second, lastActiveIP: "203.0.113.9"))
        }
    }
}
