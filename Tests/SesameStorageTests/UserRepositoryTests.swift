import Foundation
import SesameModel
import SesameStorage
import Testing

@Suite("Users")
struct UserRepositoryTests {
    let fixtures = Fixtures()

    @Test("a stored user reads back with every field", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        var alice = fixtures.user("alice", canRequestAdmin: true)
        alice.lockedAt = fixtures.clock.now().addingTimeInterval(5)
        let stored = alice
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.users.add(stored) }
            let byID = try await storage.read { try await $0.users.find(id: stored.id) }
            let byName = try await storage.read { try await $0.users.find(username: "alice") }
            #expect(byID == stored)
            #expect(byName == stored)
        }
    }

    @Test("a taken username is refused as a unique violation", arguments: TestBackend.available)
    func duplicateUsername(backend: TestBackend) async throws {
        let first = fixtures.user("bob")
        let second = fixtures.user("bob")
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.users.add(first) }
            await #expect(throws: StorageError.self) {
                try await storage.transaction { try await $0.users.add(second) }
            }
            let count = try await storage.read { try await $0.users.count(UserFilter()) }
            #expect(count == 1)
        }
    }

    @Test("a failed transaction leaves nothing behind", arguments: TestBackend.available)
    func rollback(backend: TestBackend) async throws {
        struct Abort: Error {}
        let carol = fixtures.user("carol")
        try await withFreshStorage(backend) { storage in
            await #expect(throws: Abort.self) {
                try await storage.transaction { repositories in
                    try await repositories.users.add(carol)
                    throw Abort()
                }
            }
            let found = try await storage.read { try await $0.users.find(username: "carol") }
            #expect(found == nil)
        }
    }

    @Test("lock, unlock and deactivate change what the filters return", arguments: TestBackend.available)
    func stateFilters(backend: TestBackend) async throws {
        let users = ["dave", "erin", "frank"].map { fixtures.user($0) }
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                for user in users { try await repositories.users.add(user) }
                try await repositories.users.setLocked(id: users[0].id, at: now)
                try await repositories.users.setDeactivated(id: users[1].id, at: now)
            }
            let active = try await storage.read { try await $0.users.list(UserFilter(state: .active), page: PageRequest()) }
            let locked = try await storage.read { try await $0.users.list(UserFilter(state: .locked), page: PageRequest()) }
            let deactivated = try await storage.read { try await $0.users.count(UserFilter(state: .deactivated)) }
            #expect(active.map(\.username.rawValue) == ["frank"])
            #expect(locked.map(\.username.rawValue) == ["dave"])
            #expect(deactivated == 1)

            try await storage.transaction { try await $0.users.setLocked(id: users[0].id, at: nil) }
            let unlocked = try await storage.read { try await $0.users.find(id: users[0].id) }
            #expect(unlocked?.isActive == true)
        }
    }

    @Test("listing pages through users in creation order", arguments: TestBackend.available)
    func pagination(backend: TestBackend) async throws {
        var users: [User] = []
        for name in ["u1a", "u2b", "u3c", "u4d", "u5e"] {
            users.append(fixtures.user(name))
            fixtures.clock.advance(by: 1)
        }
        let all = users
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                for user in all.reversed() { try await repositories.users.add(user) }
            }
            let first = try await storage.read { try await $0.users.list(UserFilter(), page: PageRequest(limit: 2)) }
            let second = try await storage.read { try await $0.users.list(UserFilter(), page: PageRequest(after: first.last?.id.description, limit: 2)) }
            #expect(first.map(\.username.rawValue) == ["u1a", "u2b"])
            #expect(second.map(\.username.rawValue) == ["u3c", "u4d"])
        }
    }

    @Test("the current password is the newest one", arguments: TestBackend.available)
    func currentPassword(backend: TestBackend) async throws {
        let user = fixtures.user("grace")
        let old = UserPassword(id: UserPasswordID(date: fixtures.clock.now()), userID: user.id, hashedPassword: "$2b$old", schemeVersion: 1, createdAt: fixtures.clock.now())
        fixtures.clock.advance(by: 1)
        let new = UserPassword(id: UserPasswordID(date: fixtures.clock.now()), userID: user.id, hashedPassword: "$argon2id$new", schemeVersion: 2, upgradedFromID: old.id, createdAt: fixtures.clock.now())
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(user)
                try await repositories.passwords.add(old)
                try await repositories.passwords.add(new)
            }
            let current = try await storage.read { try await $0.passwords.current(for: user.id) }
            #expect(current == new)
        }
    }
}
