import Foundation
import SesameAccounts
import SesameModel
import SesameStorage
import Testing

@Suite("Display names")
struct DisplayNameTests {
    @Test("a display name is stored trimmed and a sync job is queued for it")
    func storedTrimmed() async throws {
        try await withAccounts { accounts, storage in
            let user = try await accounts.register(username: "alice", password: nil, email: nil, canRequestAdmin: false)
            #expect(try await accounts.setDisplayName(of: user.id, "  Alice  ") == "Alice")
            #expect(try await accounts.displayName(of: user.id) == "Alice")
            let jobs = try await storage.read { try await $0.jobs.list(state: .scheduled, page: PageRequest(limit: 100)) }
            #expect(try jobs.map { try HomeserverJob(payload: $0.payload) }.contains(.syncDisplayName(userID: user.id)))
        }
    }

    @Test("a name over the limit is refused and the old one kept")
    func tooLong() async throws {
        try await withAccounts { accounts, _ in
            let user = try await accounts.register(username: "alice", password: nil, email: nil, canRequestAdmin: false)
            try await accounts.setDisplayName(of: user.id, "Alice")
            await #expect(throws: DisplayNameTooLong.self) {
                try await accounts.setDisplayName(of: user.id, String(repeating: "x", count: AccountService.maximumDisplayNameLength + 1))
            }
            #expect(try await accounts.displayName(of: user.id) == "Alice")
        }
    }
}
