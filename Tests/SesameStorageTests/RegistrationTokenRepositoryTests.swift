import Foundation
import SesameModel
import SesameStorage
import Testing

@Suite("Registration tokens")
struct RegistrationTokenRepositoryTests {
    let fixtures = Fixtures()

    @Test("a stored registration token reads back with every field, by ID and by code", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        let now = fixtures.clock.now()
        let token = RegistrationToken(
            id: RegistrationTokenID(date: now), token: "welcome-2027", usageLimit: 5, timesUsed: 3, createdAt: now,
            lastUsedAt: now.addingTimeInterval(60), expiresAt: now.addingTimeInterval(86_400), revokedAt: now.addingTimeInterval(120)
        )
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.registrationTokens.add(token) }
            let byID = try await storage.read { try await $0.registrationTokens.find(id: token.id) }
            let byCode = try await storage.read { try await $0.registrationTokens.find(token: "welcome-2027") }
            let unknown = try await storage.read { try await $0.registrationTokens.find(token: "welcome-2028") }
            #expect(byID == token)
            #expect(byCode == token)
            #expect(unknown == nil)
        }
    }

    @Test("a code already in use is refused as a unique violation", arguments: TestBackend.available)
    func duplicateCode(backend: TestBackend) async throws {
        let first = registrationToken("invite")
        let second = registrationToken("invite")
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.registrationTokens.add(first) }
            await #expect(throws: StorageError.self) {
                try await storage.transaction { try await $0.registrationTokens.add(second) }
            }
        }
    }

    @Test("a token with a usage limit of two can be used exactly twice", arguments: TestBackend.available)
    func usageLimit(backend: TestBackend) async throws {
        let token = registrationToken("two-uses", usageLimit: 2)
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.registrationTokens.add(token) }
            var outcomes: [Bool] = []
            for minute in 1...3 {
                let usedAt = now.addingTimeInterval(TimeInterval(minute * 60))
                outcomes.append(try await storage.transaction { try await $0.registrationTokens.use(id: token.id, at: usedAt) })
            }
            let found = try await storage.read { try await $0.registrationTokens.find(id: token.id) }
            #expect(outcomes == [true, true, false])
            #expect(found?.timesUsed == 2)
            #expect(found?.lastUsedAt == now.addingTimeInterval(120))
        }
    }

    @Test("a token without a usage limit can be used again and again", arguments: TestBackend.available)
    func unlimited(backend: TestBackend) async throws {
        let token = registrationToken("open-door")
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.registrationTokens.add(token) }
            var outcomes: [Bool] = []
            for _ in 1...5 {
                outcomes.append(try await storage.transaction { try await $0.registrationTokens.use(id: token.id, at: now) })
            }
            let found = try await storage.read { try await $0.registrationTokens.find(id: token.id) }
            #expect(outcomes == Array(repeating: true, count: 5))
            #expect(found?.timesUsed == 5)
        }
    }

    @Test("an expired token cannot be used, not even at the instant it expires", arguments: TestBackend.available)
    func expired(backend: TestBackend) async throws {
        let expiresAt = fixtures.clock.now().addingTimeInterval(3_600)
        let token = registrationToken("summer", usageLimit: 10, expiresAt: expiresAt)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.registrationTokens.add(token) }
            let atExpiry = try await storage.transaction { try await $0.registrationTokens.use(id: token.id, at: expiresAt) }
            let afterExpiry = try await storage.transaction { try await $0.registrationTokens.use(id: token.id, at: expiresAt.addingTimeInterval(1)) }
            let found = try await storage.read { try await $0.registrationTokens.find(id: token.id) }
            #expect(!atExpiry)
            #expect(!afterExpiry)
            #expect(found?.timesUsed == 0)
            #expect(found?.lastUsedAt == nil)
        }
    }

    @Test("a token used just before it expires counts the use", arguments: TestBackend.available)
    func beforeExpiry(backend: TestBackend) async throws {
        let expiresAt = fixtures.clock.now().addingTimeInterval(3_600)
        let token = registrationToken("summer", expiresAt: expiresAt)
        let usedAt = expiresAt.addingTimeInterval(-0.5)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.registrationTokens.add(token) }
            let used = try await storage.transaction { try await $0.registrationTokens.use(id: token.id, at: usedAt) }
            let found = try await storage.read { try await $0.registrationTokens.find(id: token.id) }
            #expect(used)
            #expect(found?.lastUsedAt == usedAt)
        }
    }

    @Test("a revoked token cannot be used until it is un-revoked", arguments: TestBackend.available)
    func revoked(backend: TestBackend) async throws {
        let token = registrationToken("leaked", usageLimit: 10)
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.registrationTokens.add(token) }
            try await storage.transaction { try await $0.registrationTokens.setRevoked(id: token.id, at: now) }
            let whileRevoked = try await storage.transaction { try await $0.registrationTokens.use(id: token.id, at: now) }
            let revokedToken = try await storage.read { try await $0.registrationTokens.find(id: token.id) }
            try await storage.transaction { try await $0.registrationTokens.setRevoked(id: token.id, at: nil) }
            let afterRestore = try await storage.transaction { try await $0.registrationTokens.use(id: token.id, at: now) }
            let restoredToken = try await storage.read { try await $0.registrationTokens.find(id: token.id) }
            #expect(!whileRevoked)
            #expect(revokedToken?.revokedAt == now)
            #expect(revokedToken?.timesUsed == 0)
            #expect(afterRestore)
            #expect(restoredToken?.revokedAt == nil)
            #expect(restoredToken?.timesUsed == 1)
        }
    }

    @Test("listing pages through tokens in creation order", arguments: TestBackend.available)
    func pagination(backend: TestBackend) async throws {
        var tokens: [RegistrationToken] = []
        for code in ["a", "b", "c", "d", "e"] {
            tokens.append(registrationToken(code))
            fixtures.clock.advance(by: 1)
        }
        let all = tokens
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                for token in all.reversed() { try await repositories.registrationTokens.add(token) }
            }
            let first = try await storage.read { try await $0.registrationTokens.list(page: PageRequest(limit: 2)) }
            let second = try await storage.read { try await $0.registrationTokens.list(page: PageRequest(after: first.last?.id.description, limit: 2)) }
            let last = try await storage.read { try await $0.registrationTokens.list(page: PageRequest(after: second.last?.id.description, limit: 2)) }
            #expect(first.map(\.token) == ["a", "b"])
            #expect(second.map(\.token) == ["c", "d"])
            #expect(last.map(\.token) == ["e"])
        }
    }

    private func registrationToken(_ code: String, usageLimit: Int? = nil, expiresAt: Date? = nil) -> RegistrationToken {
        RegistrationToken(
            id: RegistrationTokenID(date: fixtures.clock.now()), token: code, usageLimit: usageLimit,
            createdAt: fixtures.clock.now(), expiresAt: expiresAt
        )
    }
}
