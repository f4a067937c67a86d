import Foundation
import SesameModel
import SesameStorage
import Testing

@Suite("Browser sessions")
struct BrowserSessionRepositoryTests {
    let fixtures = Fixtures()

    private func session(of user: User, activity: ActivityRecord = .init()) -> BrowserSession {
        BrowserSession(id: BrowserSessionID(date: fixtures.clock.now()), userID: user.id, createdAt: fixtures.clock.now(), activity: activity)
    }

    private func authentication(in session: BrowserSession, _ method: Authentication.Method) -> Authentication {
        Authentication(id: AuthenticationID(date: fixtures.clock.now()), browserSessionID: session.id, method: method, createdAt: fixtures.clock.now())
    }

    @Test("a stored session reads back with every field", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        var browser = session(of: alice, activity: ActivityRecord(
            userAgent: "Mozilla/5.0 (X11; Linux x86_64)", lastActiveAt: fixtures.clock.now().addingTimeInterval(5), lastActiveIP: "192.0.2.7"
        ))
        browser.finishedAt = fixtures.clock.now().addingTimeInterval(90)
        let stored = browser
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.browserSessions.add(stored)
            }
            let found = try await storage.read { try await $0.browserSessions.find(id: stored.id) }
            #expect(found == stored)
        }
    }

    @Test("a user's sessions are listed newest first", arguments: TestBackend.available)
    func listNewestFirst(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        var sessions: [BrowserSession] = []
        for _ in 0..<3 {
            sessions.append(session(of: alice))
            fixtures.clock.advance(by: 1)
        }
        let all = sessions
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                for session in all { try await repositories.browserSessions.add(session) }
            }
            let listed = try await storage.read { try await $0.browserSessions.list(for: alice.id, activeOnly: false) }
            #expect(listed.map(\.id) == all.map(\.id).reversed())
        }
    }

    @Test("listing active sessions leaves out finished ones", arguments: TestBackend.available)
    func listActiveOnly(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let ended = session(of: alice)
        fixtures.clock.advance(by: 1)
        let open = session(of: alice)
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.browserSessions.add(ended)
                try await repositories.browserSessions.add(open)
                try await repositories.browserSessions.finish(id: ended.id, at: now)
            }
            let active = try await storage.read { try await $0.browserSessions.list(for: alice.id, activeOnly: true) }
            let all = try await storage.read { try await $0.browserSessions.list(for: alice.id, activeOnly: false) }
            #expect(active == [open])
            #expect(all.map(\.id) == [open.id, ended.id])
            #expect(all.last?.finishedAt == now)
        }
    }

    @Test("finishing twice keeps the first end time", arguments: TestBackend.available)
    func finishTwice(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let browser = session(of: alice)
        let first = fixtures.clock.now().addingTimeInterval(10)
        let second = fixtures.clock.now().addingTimeInterval(20)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.browserSessions.add(browser)
                try await repositories.browserSessions.finish(id: browser.id, at: first)
                try await repositories.browserSessions.finish(id: browser.id, at: second)
            }
            let found = try await storage.read { try await $0.browserSessions.find(id: browser.id) }
            #expect(found?.finishedAt == first)
        }
    }

    @Test("logging out everywhere ends only that user's unfinished sessions", arguments: TestBackend.available)
    func finishAll(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let bob = fixtures.user("bob")
        let earlier = session(of: alice)
        fixtures.clock.advance(by: 1)
        let laptop = session(of: alice)
        let bobs = session(of: bob)
        let earlierEnd = fixtures.clock.now()
        fixtures.clock.advance(by: 60)
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.users.add(bob)
                for session in [earlier, laptop, bobs] { try await repositories.browserSessions.add(session) }
                try await repositories.browserSessions.finish(id: earlier.id, at: earlierEnd)
            }
            try await storage.transaction { try await $0.browserSessions.finishAll(for: alice.id, at: now) }
            let alices = try await storage.read { try await $0.browserSessions.list(for: alice.id, activeOnly: false) }
            let bobsNow = try await storage.read { try await $0.browserSessions.find(id: bobs.id) }
            #expect(alices.map(\.finishedAt) == [now, earlierEnd])
            #expect(bobsNow?.isActive == true)
        }
    }

    @Test("recorded activity is read back, and a use without an address keeps the last one", arguments: TestBackend.available)
    func recordActivity(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let browser = session(of: alice, activity: ActivityRecord(userAgent: "Firefox"))
        let first = fixtures.clock.now().addingTimeInterval(10)
        let second = fixtures.clock.now().addingTimeInterval(20)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.browserSessions.add(browser)
            }
            try await storage.transaction { try await $0.browserSessions.recordActivity(id: browser.id, at: first, ip: "198.51.100.4") }
            let afterFirst = try await storage.read { try await $0.browserSessions.find(id: browser.id) }
            #expect(afterFirst?.activity == ActivityRecord(userAgent: "Firefox", lastActiveAt: first, lastActiveIP: "198.51.100.4"))

            try await storage.transaction { try await $0.browserSessions.recordActivity(id: browser.id, at: second, ip: nil) }
            let afterSecond = try await storage.read { try await $0.browserSessions.find(id: browser.id) }
            #expect(afterSecond?.activity == ActivityRecord(userAgent: "Firefox", lastActiveAt: second, lastActiveIP: "198.51.100.4"))
        }
    }

    @Test("the last authentication is the newest one in that session", arguments: TestBackend.available)
    func lastAuthentication(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let browser = session(of: alice)
        let other = session(of: alice)
        let registration = authentication(in: browser, .registration)
        fixtures.clock.advance(by: 1)
        let password = authentication(in: browser, .password)
        fixtures.clock.advance(by: 1)
        let elsewhere = authentication(in: other, .upstreamOAuth)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.browserSessions.add(browser)
                try await repositories.browserSessions.add(other)
                for authentication in [password, elsewhere, registration] {
                    try await repositories.browserSessions.addAuthentication(authentication)
                }
            }
            let last = try await storage.read { try await $0.browserSessions.lastAuthentication(in: browser.id) }
            #expect(last == password)
        }
    }

    @Test("a session nobody authenticated in has no last authentication", arguments: TestBackend.available)
    func noAuthentication(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let browser = session(of: alice)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.browserSessions.add(browser)
            }
            let last = try await storage.read { try await $0.browserSessions.lastAuthentication(in: browser.id) }
            #expect(last == nil)
        }
    }

    @Test("a session for a missing user is refused", arguments: TestBackend.available)
    func missingUser(backend: TestBackend) async throws {
        let ghost = fixtures.user("ghost")
        let browser = session(of: ghost)
        try await withFreshStorage(backend) { storage in
            await #expect(throws: (any Error).self) {
                try await storage.transaction { try await $0.browserSessions.add(browser) }
            }
            let found = try await storage.read { try await $0.browserSessions.find(id: browser.id) }
            #expect(found == nil)
        }
    }

    @Test("an authentication in a missing session is refused", arguments: TestBackend.available)
    func authenticationInMissingSession(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let missing = session(of: alice)
        let password = authentication(in: missing, .password)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.users.add(alice) }
            await #expect(throws: (any Error).self) {
                try await storage.transaction { try await $0.browserSessions.addAuthentication(password) }
            }
        }
    }
}
