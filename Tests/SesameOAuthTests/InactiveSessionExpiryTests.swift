import Foundation
import SesameModel
import SesameOAuth
import SesameStorage
import Testing

/// `experimental.inactive_session_expiration`: sessions unused for the configured time end, their
/// tokens stop working, and the homeserver is asked to sync the user's devices.
@Suite("Inactive session expiry")
struct InactiveSessionExpiryTests {
    private typealias F = TokenFixtures
    static let day: TimeInterval = 86_400

    private func expiry(_ h: OAuthHarness, _ policy: InactiveSessionExpiry.Policy = .init(inactiveFor: 30 * day)) -> InactiveSessionExpiry {
        InactiveSessionExpiry(storage: h.storage, clock: h.clock, policy: policy, batchSize: 2)
    }

    private func compatSession(_ h: OAuthHarness, user: User, device: String) async throws -> CompatSession {
        let now = h.clock.now()
        let session = CompatSession(id: CompatSessionID(date: now), userID: user.id, deviceID: DeviceID(device)!, createdAt: now)
        try await h.storage.transaction { try await $0.compatSessions.add(session) }
        return session
    }

    @Test("an OAuth session unused for longer than the limit ends, its refresh token is refused, and a device sync is queued", arguments: TestBackend.available)
    func oauthSessionEnds(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let alice = try await h.user()
            let session = try await F.session(h, client: client, user: alice)
            let issued = try await F.tokens(h, for: session)
            h.clock.advance(by: 31 * Self.day)
            let outcome = try await expiry(h).expireOnce()
            #expect(outcome.oauthSessions == 1)
            #expect(try await h.storage.read { try await $0.oauthSessions.find(id: session.id) }?.finishedAt != nil)
            let refresh = await TokenEndpoint(services: h.services)
                .handle(form: FormParameters(["grant_type": "refresh_token", "refresh_token": try #require(issued.refreshToken).value]),
                        credentials: F.publicCredentials(client))
            #expect(F.failure(of: refresh)?.code == .invalidGrant)
            let jobs = try await h.storage.read { try await $0.jobs.list(state: .scheduled, page: .init()) }
            #expect(try jobs.map { try HomeserverJob(payload: $0.payload) }.contains(.syncDevices(userID: alice.id)))
        }
    }

    @Test("a session used recently survives; the limit counts from its last activity, not its creation", arguments: TestBackend.available)
    func recentActivityKeepsSession(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let alice = try await h.user()
            let session = try await F.session(h, client: client, user: alice)
            h.clock.advance(by: 25 * Self.day)
            let usedAt = h.clock.now()
            try await h.storage.transaction { try await $0.oauthSessions.recordActivity(id: session.id, at: usedAt, ip: "192.0.2.1") }
            h.clock.advance(by: 10 * Self.day)
            #expect(try await expiry(h).expireOnce() == .init())
            #expect(try await h.storage.read { try await $0.oauthSessions.find(id: session.id) }?.finishedAt == nil)
        }
    }

    @Test("compat and browser sessions end too, in batches, with one device sync per user", arguments: TestBackend.available)
    func compatAndBrowser(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let alice = try await h.user()
            let sessions = [
                try await compatSession(h, user: alice, device: "ONE"), try await compatSession(h, user: alice, device: "TWO"),
                try await compatSession(h, user: alice, device: "THREE"),
            ]
            let browser = try await h.browserSession(for: alice)
            h.clock.advance(by: 31 * Self.day)
            let outcome = try await expiry(h).expireOnce()
            #expect(outcome.compatSessions == 3)
            #expect(outcome.browserSessions == 1)
            for session in sessions {
                #expect(try await h.storage.read { try await $0.compatSessions.find(id: session.id) }?.finishedAt != nil)
            }
            #expect(try await h.storage.read { try await $0.browserSessions.find(id: browser.id) }?.isActive == false)
            let jobs = try await h.storage.read { try await $0.jobs.list(state: .scheduled, page: .init()) }
            let syncs = try jobs.map { try HomeserverJob(payload: $0.payload) }.filter { $0 == .syncDevices(userID: alice.id) }
            // Batches of two: the three sessions end in two transactions, one sync each.
            #expect(syncs.count == 2)
        }
    }

    @Test("a kind switched off in the policy is left alone; client-credentials sessions never expire", arguments: TestBackend.available)
    func policyFlags(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let alice = try await h.user()
            let userSession = try await F.session(h, client: client, user: alice)
            let machineSession = try await F.session(h, client: client, user: nil, scope: ["urn:mas:graphql:*"])
            let compat = try await compatSession(h, user: alice, device: "KEEP")
            h.clock.advance(by: 31 * Self.day)
            let policy = InactiveSessionExpiry.Policy(inactiveFor: 30 * Self.day, oauthSessions: true, compatSessions: false, browserSessions: false)
            #expect(try await expiry(h, policy).expireOnce().oauthSessions == 1)
            #expect(try await h.storage.read { try await $0.oauthSessions.find(id: userSession.id) }?.finishedAt != nil)
            #expect(try await h.storage.read { try await $0.oauthSessions.find(id: machineSession.id) }?.finishedAt == nil)
            #expect(try await h.storage.read { try await $0.compatSessions.find(id: compat.id) }?.finishedAt == nil)
        }
    }
}
