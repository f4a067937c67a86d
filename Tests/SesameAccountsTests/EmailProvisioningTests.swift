import Foundation
import SesameAccounts
import SesameModel
import SesameStorage
import Testing

/// Synapse keeps a copy of each user's addresses: adding or removing one queues `provision_user`.
@Suite("Email changes reach the homeserver")
struct EmailProvisioningTests {
    private func provisionJobs(_ storage: any Storage, for user: User) async throws -> Int {
        let jobs = try await storage.read { try await $0.jobs.list(state: .scheduled, page: .init()) }
        return try jobs.map { try HomeserverJob(payload: $0.payload) }.filter { $0 == .provisionUser(userID: user.id) }.count
    }

    @Test("adding a verified address and removing it each queue a provision_user job")
    func addAndRemove() async throws {
        try await withAccounts { accounts, storage in
            let user = try await accounts.register(username: "erin", password: "pw-erin-1", email: nil, canRequestAdmin: false)
            let afterRegistration = try await provisionJobs(storage, for: user)
            let verifications = EmailVerifications(storage: storage, clock: ManualWallClock())
            let (verification, _) = try await verifications.start(email: EmailAddress("erin@example.org")!, purpose: .addEmail(user.id))
            try await accounts.addVerifiedEmail(verification, to: user.id)
            #expect(try await provisionJobs(storage, for: user) == afterRegistration + 1)
            let added = try #require(try await accounts.emails(of: user.id).first)
            #expect(try await accounts.removeEmail(added.id, of: user.id))
            #expect(try await provisionJobs(storage, for: user) == afterRegistration + 2)
        }
    }

    @Test("removing someone else's address changes nothing and queues nothing")
    func foreignAddress() async throws {
        try await withAccounts { accounts, storage in
            let owner = try await accounts.register(username: "fay", password: "pw-fay-1", email: "fay@example.org", canRequestAdmin: false)
            let other = try await accounts.register(username: "gus", password: "pw-gus-1", email: nil, canRequestAdmin: false)
            let address = try #require(try await accounts.emails(of: owner.id).first)
            let before = try await provisionJobs(storage, for: other)
            #expect(try await accounts.removeEmail(address.id, of: other.id) == false)
            #expect(try await accounts.emails(of: owner.id).count == 1)
            #expect(try await provisionJobs(storage, for: other) == before)
        }
    }
}
