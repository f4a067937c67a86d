import Foundation
import SesameAccounts
import SesameCrypto
import SesameModel
import SesameOAuth
import SesameStorage
import Testing

@Suite("Session activity tracking")
struct ActivityTrackerTests {
    /// An OAuth session of `user` with a live access token.
    private func oauthSession(_ h: OAuthHarness, user: User) async throws -> (OAuthSession, String) {
        let client = try await h.client()
        let now = h.clock.now()
        let session = OAuthSession(id: OAuthSessionID(date: now), clientID: client.id, userID: user.id, scope: [MatrixScope.api], createdAt: now)
        let token = OpaqueToken.generate(.accessToken)
        try await h.storage.transaction { repositories in
            try await repositories.oauthSessions.add(session)
            try await repositories.accessTokens.add(
                AccessToken(id: AccessTokenID(date: now), sessionID: session.id, createdAt: now, expiresAt: now.addingTimeInterval(3600)),
                tokenHash: TokenHash(of: token).hex
            )
        }
        return (session, token.value)
    }

    @Test("introspection records the use in memory only; the flush writes it", arguments: TestBackend.available)
    func introspectionThenFlush(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend, configure: { $0.matrixSharedSecret = "shared" }) { h in
            let user = try await h.user()
            let (session, token) = try await oauthSession(h, user: user)
            h.clock.advance(by: 600)
            let answer = try await IntrospectionEndpoint(services: h.services)
                .handle(form: FormParameters(["token": token]), credentials: nil, bearer: "shared").get()
            #expect(answer.active)
            let unflushed = try #require(try await h.storage.read { try await $0.oauthSessions.find(id: session.id) })
            #expect(unflushed.activity.lastActiveAt == nil)
            #expect(h.services.activity.pendingCount == 1)

            try await h.services.activity.flush()
            let flushed = try #require(try await h.storage.read { try await $0.oauthSessions.find(id: session.id) })
            let lastActive = try #require(flushed.activity.lastActiveAt)
            #expect(lastActive.timeIntervalSince(session.createdAt) >= 600)
            #expect(h.services.activity.pendingCount == 0)
        }
    }

    @Test("one flush writes every kind of session; the newest time and the last known IP win", arguments: TestBackend.available)
    func batchOfEveryKind(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let user = try await h.user()
            let browser = try await h.browserSession(for: user)
            let (oauth, _) = try await oauthSession(h, user: user)
            let start = h.clock.now()
            let compat = CompatSession(id: CompatSessionID(date: start), userID: user.id, deviceID: try #require(DeviceID("DEV1")), createdAt: start)
            let personal = PersonalSession(
                id: PersonalSessionID(date: start), owner: .user(user.id), actorUserID: user.id, humanName: "bot", scope: [MatrixScope.api], createdAt: start
            )
            try await h.storage.transaction { repositories in
                try await repositories.compatSessions.add(compat)
                try await repositories.personalSessions.add(personal)
            }
            let tracker = ActivityTracker(storage: h.storage)
            let early = start.addingTimeInterval(10), late = start.addingTimeInterval(20)
            tracker.record(.browser(browser.id), at: late, ip: "192.0.2.1")
            tracker.record(.browser(browser.id), at: early, ip: nil)
            tracker.record(.oauth(oauth.id), at: early, ip: "192.0.2.2")
            tracker.record(.compat(compat.id), at: late, ip: "192.0.2.3")
            tracker.record(.personal(personal.id), at: late, ip: nil)
            #expect(tracker.pendingCount == 4)
            try await tracker.flush()

            let (b, o, c, p) = try await h.storage.read { r in
                (try await r.browserSessions.find(id: browser.id), try await r.oauthSessions.find(id: oauth.id),
                 try await r.compatSessions.find(id: compat.id), try await r.personalSessions.find(id: personal.id))
            }
            #expect(abs(try #require(b?.activity.lastActiveAt).timeIntervalSince(late)) < 0.001)
            #expect(b?.activity.lastActiveIP == "192.0.2.1")
            #expect(abs(try #require(o?.activity.lastActiveAt).timeIntervalSince(early)) < 0.001)
            #expect(o?.activity.lastActiveIP == "192.0.2.2")
            #expect(c?.activity.lastActiveIP == "192.0.2.3")
            #expect(abs(try #require(p?.activity.lastActiveAt).timeIntervalSince(late)) < 0.001)
            #expect(p?.activity.lastActiveIP == nil)
        }
    }

    @Test("a flush with nothing recorded writes nothing and succeeds", arguments: TestBackend.available)
    func emptyFlush(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let tracker = ActivityTracker(storage: h.storage)
            try await tracker.flush()
            #expect(tracker.pendingCount == 0)
        }
    }

    @Test("a failed flush keeps the uses for the next one", arguments: TestBackend.available)
    func failedFlushKeepsUses(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let user = try await h.user()
            let browser = try await h.browserSession(for: user)
            let tracker = ActivityTracker(storage: FailingWrites(wrapped: h.storage))
            tracker.record(.browser(browser.id), at: h.clock.now(), ip: "192.0.2.9")
            await #expect(throws: FailingWrites.Refused.self) { try await tracker.flush() }
            #expect(tracker.pendingCount == 1)
        }
    }
}

/// Storage whose transactions always fail, as a database that went away would.
private struct FailingWrites: Storage {
    struct Refused: Error {}
    let wrapped: any Storage

    var backend: StorageBackend { wrapped.backend }
    func read<T: Sendable>(_ body: @Sendable (any Repositories) async throws -> T) async throws -> T { try await wrapped.read(body) }
    func transaction<T: Sendable>(_ body: @Sendable (any Repositories) async throws -> T) async throws -> T { throw Refused() }
    func migrate() async throws -> [AppliedMigration] { try await wrapped.migrate() }
    func checkHealth() async throws { try await wrapped.checkHealth() }
    func verifyIntegrity() async throws -> [String] { try await wrapped.verifyIntegrity() }
    func close() async {}
}
