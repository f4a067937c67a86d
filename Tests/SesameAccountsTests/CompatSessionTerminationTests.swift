import Foundation
import SesameAccounts
import SesameCrypto
import SesameModel
import SesameStorage
import Testing

@Suite("Ending compatibility sessions")
struct CompatSessionTerminationTests {
    /// A compat session on `device` with one access token; returns the session and the token's hash.
    private func session(_ user: User, _ device: String, storage: any Storage) async throws -> (CompatSession, String) {
        let now = Date()
        let session = CompatSession(id: CompatSessionID(date: now), userID: user.id, deviceID: try #require(DeviceID(device)), createdAt: now)
        let token = CompatAccessToken(id: CompatAccessTokenID(date: now), sessionID: session.id, createdAt: now, expiresAt: nil)
        let hash = TokenHash(of: OpaqueToken.generate(.compatAccessToken)).hex
        try await storage.transaction { repositories in
            try await repositories.compatSessions.add(session)
            try await repositories.compatAccessTokens.add(token, tokenHash: hash)
        }
        return (session, hash)
    }

    private func syncJobs(_ storage: any Storage) async throws -> [HomeserverJob] {
        let jobs = try await storage.read { try await $0.jobs.list(state: .scheduled, page: PageRequest(limit: 100)) }
        return try jobs.map { try HomeserverJob(payload: $0.payload) }.filter { if case .syncDevices = $0 { true } else { false } }
    }

    @Test("ending several sessions finishes them, revokes their tokens and queues one device sync")
    func endsAndSyncsOnce() async throws {
        try await withAccounts { accounts, storage in
            let user = try await accounts.register(username: "alice", password: nil, email: nil, canRequestAdmin: false)
            let (first, firstTokenHash) = try await session(user, "DEV1", storage: storage)
            let (second, _) = try await session(user, "DEV2", storage: storage)
            let now = Date()
            try await storage.transaction { try await CompatSessionTermination.end([first.id, second.id], of: user.id, at: now, in: $0) }
            let remaining = try await storage.read { try await $0.compatSessions.list(for: user.id, activeOnly: true) }
            #expect(remaining.isEmpty)
            let token = try await storage.read { try await $0.compatAccessTokens.find(tokenHash: firstTokenHash) }
            #expect(token?.revokedAt != nil)
            #expect(try await syncJobs(storage) == [.syncDevices(userID: user.id)])
        }
    }

    @Test("with no device follow-up, no sync is queued (deactivation deletes the devices itself)")
    func noFollowUp() async throws {
        try await withAccounts { accounts, storage in
            let user = try await accounts.register(username: "alice", password: nil, email: nil, canRequestAdmin: false)
            let (only, _) = try await session(user, "DEV1", storage: storage)
            try await storage.transaction { try await CompatSessionTermination.end([only.id], of: user.id, at: Date(), in: $0, devices: .none) }
            #expect(try await syncJobs(storage).isEmpty)
        }
    }
}
