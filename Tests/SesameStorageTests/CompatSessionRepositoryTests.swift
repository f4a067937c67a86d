import Foundation
import SesameModel
import SesameStorage
import Testing

@Suite("Compat sessions")
struct CompatSessionRepositoryTests {
    let fixtures = Fixtures()

    @Test("a stored compat session reads back with every field", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        let user = fixtures.user()
        let browser = BrowserSession(id: BrowserSessionID(date: fixtures.clock.now()), userID: user.id, createdAt: fixtures.clock.now())
        let now = fixtures.clock.now()
        let session = CompatSession(
            id: CompatSessionID(date: now), userID: user.id, deviceID: DeviceID("ABCDEFGHIJ")!, browserSessionID: browser.id,
            isSynapseAdmin: true, createdAt: now, finishedAt: now.addingTimeInterval(60), humanName: "Element on laptop",
            activity: ActivityRecord(userAgent: "Element/1.11", lastActiveAt: now.addingTimeInterval(30), lastActiveIP: "2001:db8::1")
        )
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(user)
                try await repositories.browserSessions.add(browser)
                try await repositories.compatSessions.add(session)
            }
            let found = try await storage.read { try await $0.compatSessions.find(id: session.id) }
            #expect(found == session)
        }
    }

    @Test("the active session is found by user and device", arguments: TestBackend.available)
    func findActive(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let bob = fixtures.user("bob")
        let session = compatSession(alice, device: "PHONE")
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.users.add(bob)
                try await repositories.compatSessions.add(session)
            }
            let found = try await storage.read { try await $0.compatSessions.findActive(userID: alice.id, deviceID: DeviceID("PHONE")!) }
            let otherDevice = try await storage.read { try await $0.compatSessions.findActive(userID: alice.id, deviceID: DeviceID("LAPTOP")!) }
            let otherUser = try await storage.read { try await $0.compatSessions.findActive(userID: bob.id, deviceID: DeviceID("PHONE")!) }
            #expect(found == session)
            #expect(otherDevice == nil)
            #expect(otherUser == nil)
        }
    }

    @Test("a finished session is no longer the device's active one", arguments: TestBackend.available)
    func finishedIsNotActive(backend: TestBackend) async throws {
        let user = fixtures.user()
        let session = compatSession(user, device: "PHONE")
        let finishedAt = fixtures.clock.now().addingTimeInterval(10)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(user)
                try await repositories.compatSessions.add(session)
            }
            try await storage.transaction { try await $0.compatSessions.finish(id: session.id, at: finishedAt) }
            let active = try await storage.read { try await $0.compatSessions.findActive(userID: user.id, deviceID: DeviceID("PHONE")!) }
            let found = try await storage.read { try await $0.compatSessions.find(id: session.id) }
            #expect(active == nil)
            #expect(found?.finishedAt == finishedAt)
        }
    }

    @Test("finishing a session twice keeps the first time", arguments: TestBackend.available)
    func finishTwice(backend: TestBackend) async throws {
        let user = fixtures.user()
        let session = compatSession(user, device: "PHONE")
        let first = fixtures.clock.now().addingTimeInterval(10)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(user)
                try await repositories.compatSessions.add(session)
            }
            try await storage.transaction { try await $0.compatSessions.finish(id: session.id, at: first) }
            try await storage.transaction { try await $0.compatSessions.finish(id: session.id, at: first.addingTimeInterval(10)) }
            let found = try await storage.read { try await $0.compatSessions.find(id: session.id) }
            #expect(found?.finishedAt == first)
        }
    }

    @Test("a user's sessions are listed newest first, finished ones only when asked", arguments: TestBackend.available)
    func listNewestFirst(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let bob = fixtures.user("bob")
        var sessions: [CompatSession] = []
        for device in ["ONE", "TWO", "THREE"] {
            sessions.append(compatSession(alice, device: device))
            fixtures.clock.advance(by: 1)
        }
        let bobs = compatSession(bob, device: "BOB")
        let all = sessions
        let finishedAt = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.users.add(bob)
                for session in all { try await repositories.compatSessions.add(session) }
                try await repositories.compatSessions.add(bobs)
                try await repositories.compatSessions.finish(id: all[1].id, at: finishedAt)
            }
            let everything = try await storage.read { try await $0.compatSessions.list(for: alice.id, activeOnly: false) }
            let active = try await storage.read { try await $0.compatSessions.list(for: alice.id, activeOnly: true) }
            #expect(everything.map(\.deviceID.rawValue) == ["THREE", "TWO", "ONE"])
            #expect(active.map(\.deviceID.rawValue) == ["THREE", "ONE"])
        }
    }

    @Test("activity records the time and address; an unknown address keeps the last one", arguments: TestBackend.available)
    func recordActivity(backend: TestBackend) async throws {
        let user = fixtures.user()
        let session = compatSession(user, device: "PHONE")
        let first = fixtures.clock.now().addingTimeInterval(10)
        let second = first.addingTimeInterval(10)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(user)
                try await repositories.compatSessions.add(session)
            }
            try await storage.transaction { try await $0.compatSessions.recordActivity(id: session.id, at: first, ip: "198.51.100.4") }
            let afterFirst = try await storage.read { try await $0.compatSessions.find(id: session.id) }
            try await storage.transaction { try await $0.compatSessions.recordActivity(id: session.id, at: second, ip: nil) }
            let afterSecond = try await storage.read { try await $0.compatSessions.find(id: session.id) }
            #expect(afterFirst?.activity == ActivityRecord(lastActiveAt: first, lastActiveIP: "198.51.100.4"))
            #expect(afterSecond?.activity == ActivityRecord(lastActiveAt: second, lastActiveIP: "198.51.100.4"))
        }
    }

    @Test("a session can be named and unnamed", arguments: TestBackend.available)
    func humanName(backend: TestBackend) async throws {
        let user = fixtures.user()
        let session = compatSession(user, device: "PHONE")
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(user)
                try await repositories.compatSessions.add(session)
            }
            try await storage.transaction { try await $0.compatSessions.setHumanName(id: session.id, "My phone") }
            let named = try await storage.read { try await $0.compatSessions.find(id: session.id) }
            try await storage.transaction { try await $0.compatSessions.setHumanName(id: session.id, nil) }
            let unnamed = try await storage.read { try await $0.compatSessions.find(id: session.id) }
            #expect(named?.humanName == "My phone")
            #expect(unnamed?.humanName == nil)
        }
    }

    private func compatSession(_ user: User, device: String) -> CompatSession {
        CompatSession(id: CompatSessionID(date: fixtures.clock.now()), userID: user.id, deviceID: DeviceID(device)!, createdAt: fixtures.clock.now())
    }
}
