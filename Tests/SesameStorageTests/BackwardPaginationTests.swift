import Foundation
import SesameModel
import SesameStorage
import Testing

/// `PageRequest.before` and `fromEnd` (for the admin API's `page[before]` and `page[last]`), the
/// client and registration token counts, and `setLimits`.
@Suite("Backward pagination and counts")
struct BackwardPaginationTests {
    let fixtures = Fixtures()

    @Test("users page backwards from the end and before a cursor, in ascending order", arguments: TestBackend.available)
    func usersBackwards(backend: TestBackend) async throws {
        var users: [User] = []
        for name in ["u1x", "u2x", "u3x", "u4x", "u5x"] {
            users.append(fixtures.user(name))
            fixtures.clock.advance(by: 1)
        }
        let all = users
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                for user in all { try await repositories.users.add(user) }
            }
            let last = try await storage.read { try await $0.users.list(UserFilter(), page: PageRequest(limit: 2, fromEnd: true)) }
            let before = try await storage.read { try await $0.users.list(UserFilter(), page: PageRequest(before: all[3].id.description, limit: 2, fromEnd: true)) }
            let between = try await storage.read { try await $0.users.list(UserFilter(), page: PageRequest(after: all[0].id.description, before: all[4].id.description, limit: 10)) }
            #expect(last.map(\.username.rawValue) == ["u4x", "u5x"])
            #expect(before.map(\.username.rawValue) == ["u2x", "u3x"])
            #expect(between.map(\.username.rawValue) == ["u2x", "u3x", "u4x"])
        }
    }

    @Test("clients and registration tokens are counted, and a token's limits can be replaced", arguments: TestBackend.available)
    func countsAndLimits(backend: TestBackend) async throws {
        let client = fixtures.client()
        let now = fixtures.clock.now()
        let token = RegistrationToken(id: RegistrationTokenID(date: now), token: "invite", usageLimit: 3, createdAt: now)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.oauthClients.add(client)
                try await repositories.registrationTokens.add(token)
                try await repositories.registrationTokens.setLimits(id: token.id, usageLimit: nil, expiresAt: now.addingTimeInterval(60))
            }
            let clients = try await storage.read { try await $0.oauthClients.count() }
            let tokens = try await storage.read { try await $0.registrationTokens.count() }
            let updated = try await storage.read { try await $0.registrationTokens.find(id: token.id) }
            let lastClients = try await storage.read { try await $0.oauthClients.list(page: PageRequest(limit: 5, fromEnd: true)) }
            #expect(clients == 1)
            #expect(tokens == 1)
            #expect(updated?.usageLimit == nil)
            #expect(updated?.expiresAt == now.addingTimeInterval(60))
            #expect(lastClients.map(\.id) == [client.id])
        }
    }
}
