import Foundation
import SesameModel
import SesameStorage
import Testing

@Suite("User emails")
struct UserEmailRepositoryTests {
    let fixtures = Fixtures()

    private func email(_ address: String, of user: User, confirmedAt: Date? = nil) -> UserEmail {
        UserEmail(id: UserEmailID(date: fixtures.clock.now()), userID: user.id, email: address, createdAt: fixtures.clock.now(), confirmedAt: confirmedAt)
    }

    @Test("a stored address reads back with every field", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let address = email("Alice@Example.com", of: alice, confirmedAt: fixtures.clock.now().addingTimeInterval(30))
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.emails.add(address)
            }
            let found = try await storage.read { try await $0.emails.find(id: address.id) }
            #expect(found == address)
        }
    }

    @Test("a confirmed address is found whatever its case, as it was entered", arguments: TestBackend.available)
    func findConfirmedIgnoresCase(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let address = email("Alice@Example.COM", of: alice, confirmedAt: fixtures.clock.now())
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.emails.add(address)
            }
            let found = try await storage.read { try await $0.emails.findConfirmed(email: "alice@example.com") }
            #expect(found == address)
            #expect(found?.email == "Alice@Example.COM")
        }
    }

    @Test("an unconfirmed address is not found until it is confirmed", arguments: TestBackend.available)
    func findConfirmedSkipsUnconfirmed(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let address = email("alice@example.com", of: alice)
        let confirmedAt = fixtures.clock.now().addingTimeInterval(60)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.emails.add(address)
            }
            let before = try await storage.read { try await $0.emails.findConfirmed(email: "alice@example.com") }
            #expect(before == nil)

            try await storage.transaction { try await $0.emails.markConfirmed(id: address.id, at: confirmedAt) }
            let after = try await storage.read { try await $0.emails.findConfirmed(email: "alice@example.com") }
            #expect(after?.id == address.id)
            #expect(after?.confirmedAt == confirmedAt)
        }
    }

    @Test("confirming twice keeps the first confirmation time", arguments: TestBackend.available)
    func confirmTwice(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let address = email("alice@example.com", of: alice)
        let first = fixtures.clock.now().addingTimeInterval(10)
        let second = fixtures.clock.now().addingTimeInterval(20)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.emails.add(address)
                try await repositories.emails.markConfirmed(id: address.id, at: first)
                try await repositories.emails.markConfirmed(id: address.id, at: second)
            }
            let found = try await storage.read { try await $0.emails.find(id: address.id) }
            #expect(found?.confirmedAt == first)
        }
    }

    @Test("a user cannot add the same address twice in another case", arguments: TestBackend.available)
    func duplicateForSameUser(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let first = email("alice@example.com", of: alice)
        let second = email("ALICE@example.com", of: alice)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.emails.add(first)
            }
            let error = await #expect(throws: StorageError.self) {
                try await storage.transaction { try await $0.emails.add(second) }
            }
            guard let error else { return }
            guard case .uniqueViolation = error else {
                Issue.record("expected a unique violation, got \(error)")
                return
            }
        }
    }

    @Test("two users may both add the same address", arguments: TestBackend.available)
    func sameAddressForTwoUsers(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let bob = fixtures.user("bob")
        let forAlice = email("shared@example.com", of: alice)
        let forBob = email("shared@example.com", of: bob)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.users.add(bob)
                try await repositories.emails.add(forAlice)
                try await repositories.emails.add(forBob)
            }
            let bobs = try await storage.read { try await $0.emails.list(for: bob.id) }
            #expect(bobs == [forBob])
        }
    }

    @Test("listing returns only that user's addresses, oldest first", arguments: TestBackend.available)
    func listForUser(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let bob = fixtures.user("bob")
        let work = email("alice@work.example", of: alice)
        fixtures.clock.advance(by: 1)
        let home = email("alice@home.example", of: alice)
        let bobs = email("bob@example.com", of: bob)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.users.add(bob)
                try await repositories.emails.add(home)
                try await repositories.emails.add(bobs)
                try await repositories.emails.add(work)
            }
            let listed = try await storage.read { try await $0.emails.list(for: alice.id) }
            #expect(listed == [work, home])
        }
    }

    @Test("a removed address is gone", arguments: TestBackend.available)
    func remove(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let address = email("alice@example.com", of: alice, confirmedAt: fixtures.clock.now())
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.emails.add(address)
            }
            try await storage.transaction { try await $0.emails.remove(id: address.id) }
            let byID = try await storage.read { try await $0.emails.find(id: address.id) }
            let confirmed = try await storage.read { try await $0.emails.findConfirmed(email: "alice@example.com") }
            #expect(byID == nil)
            #expect(confirmed == nil)
        }
    }

    @Test("an address for a missing user is refused", arguments: TestBackend.available)
    func missingUser(backend: TestBackend) async throws {
        let ghost = fixtures.user("ghost")
        let address = email("ghost@example.com", of: ghost)
        try await withFreshStorage(backend) { storage in
            await #expect(throws: (any Error).self) {
                try await storage.transaction { try await $0.emails.add(address) }
            }
            let found = try await storage.read { try await $0.emails.find(id: address.id) }
            #expect(found == nil)
        }
    }
}
