import Foundation
import SesameAccounts
import SesameMatrix
import SesameModel
import Testing

@Suite("Display name jobs")
struct DisplayNameJobTests {
    @Test("a display name set on the account page reaches the homeserver through the job queue")
    func setReachesHomeserver() async throws {
        try await MatrixWorld.with { world in
            let user = try await world.accounts.register(username: "alice", password: "pw", email: nil, canRequestAdmin: false)
            while await world.worker.runOnce() {}
            try await world.accounts.setDisplayName(of: user.id, "Alice Liddell")
            while await world.worker.runOnce() {}
            #expect(await world.homeserver.user("alice")?.displayName == "Alice Liddell")
        }
    }

    @Test("clearing it unsets it there; a late job pushes the newest name, not the one it was queued for")
    func clearAndLatestWins() async throws {
        try await MatrixWorld.with { world in
            let user = try await world.accounts.register(username: "alice", password: "pw", email: nil, canRequestAdmin: false)
            while await world.worker.runOnce() {}
            try await world.accounts.setDisplayName(of: user.id, "First")
            try await world.accounts.setDisplayName(of: user.id, "Second")
            while await world.worker.runOnce() {}
            #expect(await world.homeserver.user("alice")?.displayName == "Second")
            try await world.accounts.setDisplayName(of: user.id, "   ")
            while await world.worker.runOnce() {}
            #expect(await world.homeserver.user("alice")?.displayName == nil)
            #expect(try await world.accounts.displayName(of: user.id) == nil)
        }
    }
}
