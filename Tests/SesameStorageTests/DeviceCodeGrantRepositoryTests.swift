import Foundation
import SQLKit
import SesameModel
@testable import SesameStorage
import Testing

@Suite("Device code grants")
struct DeviceCodeGrantRepositoryTests {
    let fixtures = Fixtures()

    @Test("a stored pending grant reads back with every field, by ID, device code hash and user code", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        let client = fixtures.client()
        var grant = deviceGrant(client, userCode: "ABCD-EFGH")
        grant.lastPolledAt = fixtures.clock.now().addingTimeInterval(5)
        grant.activity = ActivityRecord(userAgent: "tv-app/1.0", lastActiveIP: "192.0.2.7")
        let stored = grant
        let hash = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.oauthClients.add(client)
                try await repositories.deviceCodeGrants.add(stored, deviceCodeHash: hash)
            }
            let byID = try await storage.read { try await $0.deviceCodeGrants.find(id: stored.id) }
            let byHash = try await storage.read { try await $0.deviceCodeGrants.find(deviceCodeHash: hash) }
            let byUserCode = try await storage.read { try await $0.deviceCodeGrants.find(userCode: "ABCD-EFGH") }
            #expect(byID == stored)
            #expect(byHash == stored)
            #expect(byUserCode == stored)
        }
    }

    @Test("an exchanged grant reads back with its browser session, OAuth session and both times", arguments: TestBackend.available)
    func exchangedRoundTrip(backend: TestBackend) async throws {
        let client = fixtures.client()
        let user = fixtures.user()
        let browser = browserSession(user)
        let session = oauthSession(client, user)
        let now = fixtures.clock.now()
        var grant = deviceGrant(client)
        grant.status = .exchanged(browserSessionID: browser.id, sessionID: session.id, fulfilledAt: now.addingTimeInterval(10), exchangedAt: now.addingTimeInterval(20))
        let stored = grant
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await addParents(repositories, client: client, user: user, browser: browser, session: session)
                try await repositories.deviceCodeGrants.add(stored, deviceCodeHash: fixtures.tokenHash())
            }
            let found = try await storage.read { try await $0.deviceCodeGrants.find(id: stored.id) }
            #expect(found == stored)
        }
    }

    @Test("an unknown device code or user code finds nothing", arguments: TestBackend.available)
    func unknownCodes(backend: TestBackend) async throws {
        let client = fixtures.client()
        let grant = deviceGrant(client, userCode: "WXYZ-1234")
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.oauthClients.add(client)
                try await repositories.deviceCodeGrants.add(grant, deviceCodeHash: fixtures.tokenHash())
            }
            let byHash = try await storage.read { try await $0.deviceCodeGrants.find(deviceCodeHash: fixtures.tokenHash()) }
            let byUserCode = try await storage.read { try await $0.deviceCodeGrants.find(userCode: "WXYZ-9999") }
            #expect(byHash == nil)
            #expect(byUserCode == nil)
        }
    }

    @Test("a user code already in use is refused as a unique violation", arguments: TestBackend.available)
    func duplicateUserCode(backend: TestBackend) async throws {
        let client = fixtures.client()
        let first = deviceGrant(client, userCode: "SAME-CODE")
        let second = deviceGrant(client, userCode: "SAME-CODE")
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.oauthClients.add(client)
                try await repositories.deviceCodeGrants.add(first, deviceCodeHash: fixtures.tokenHash())
            }
            await #expect(throws: StorageError.self) {
                try await storage.transaction { try await $0.deviceCodeGrants.add(second, deviceCodeHash: fixtures.tokenHash()) }
            }
        }
    }

    @Test("approving a pending grant succeeds once and records who approved it and when", arguments: TestBackend.available)
    func fulfillOnce(backend: TestBackend) async throws {
        let client = fixtures.client()
        let user = fixtures.user()
        let browser = browserSession(user)
        let grant = deviceGrant(client)
        let approvedAt = fixtures.clock.now().addingTimeInterval(30)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await addParents(repositories, client: client, user: user, browser: browser)
                try await repositories.deviceCodeGrants.add(grant, deviceCodeHash: fixtures.tokenHash())
            }
            let first = try await storage.transaction { try await $0.deviceCodeGrants.fulfill(id: grant.id, browserSessionID: browser.id, at: approvedAt) }
            let second = try await storage.transaction {
                try await $0.deviceCodeGrants.fulfill(id: grant.id, browserSessionID: browser.id, at: approvedAt.addingTimeInterval(1))
            }
            let found = try await storage.read { try await $0.deviceCodeGrants.find(id: grant.id) }
            #expect(first)
            #expect(!second)
            #expect(found?.status == .fulfilled(browserSessionID: browser.id, fulfilledAt: approvedAt))
        }
    }

    @Test("a denied grant can be neither denied again nor approved", arguments: TestBackend.available)
    func rejectOnce(backend: TestBackend) async throws {
        let client = fixtures.client()
        let user = fixtures.user()
        let browser = browserSession(user)
        let grant = deviceGrant(client)
        let deniedAt = fixtures.clock.now().addingTimeInterval(30)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await addParents(repositories, client: client, user: user, browser: browser)
                try await repositories.deviceCodeGrants.add(grant, deviceCodeHash: fixtures.tokenHash())
            }
            let rejected = try await storage.transaction { try await $0.deviceCodeGrants.reject(id: grant.id, browserSessionID: browser.id, at: deniedAt) }
            let rejectedAgain = try await storage.transaction { try await $0.deviceCodeGrants.reject(id: grant.id, browserSessionID: browser.id, at: deniedAt) }
            let fulfilled = try await storage.transaction { try await $0.deviceCodeGrants.fulfill(id: grant.id, browserSessionID: browser.id, at: deniedAt) }
            let found = try await storage.read { try await $0.deviceCodeGrants.find(id: grant.id) }
            #expect(rejected)
            #expect(!rejectedAgain)
            #expect(!fulfilled)
            #expect(found?.status == .rejected(browserSessionID: browser.id, rejectedAt: deniedAt))
        }
    }

    @Test("an approved grant is exchanged for tokens exactly once", arguments: TestBackend.available)
    func exchangeOnce(backend: TestBackend) async throws {
        let client = fixtures.client()
        let user = fixtures.user()
        let browser = browserSession(user)
        let session = oauthSession(client, user)
        let grant = deviceGrant(client)
        let approvedAt = fixtures.clock.now().addingTimeInterval(30)
        let exchangedAt = approvedAt.addingTimeInterval(5)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await addParents(repositories, client: client, user: user, browser: browser, session: session)
                try await repositories.deviceCodeGrants.add(grant, deviceCodeHash: fixtures.tokenHash())
                _ = try await repositories.deviceCodeGrants.fulfill(id: grant.id, browserSessionID: browser.id, at: approvedAt)
            }
            let first = try await storage.transaction { try await $0.deviceCodeGrants.exchange(id: grant.id, sessionID: session.id, at: exchangedAt) }
            let second = try await storage.transaction { try await $0.deviceCodeGrants.exchange(id: grant.id, sessionID: session.id, at: exchangedAt) }
            let found = try await storage.read { try await $0.deviceCodeGrants.find(id: grant.id) }
            #expect(first)
            #expect(!second)
            #expect(found?.status == .exchanged(browserSessionID: browser.id, sessionID: session.id, fulfilledAt: approvedAt, exchangedAt: exchangedAt))
        }
    }

    @Test("a grant still pending cannot be exchanged", arguments: TestBackend.available)
    func exchangePending(backend: TestBackend) async throws {
        let client = fixtures.client()
        let user = fixtures.user()
        let session = oauthSession(client, user)
        let grant = deviceGrant(client)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await addParents(repositories, client: client, user: user, session: session)
                try await repositories.deviceCodeGrants.add(grant, deviceCodeHash: fixtures.tokenHash())
            }
            let exchanged = try await storage.transaction { try await $0.deviceCodeGrants.exchange(id: grant.id, sessionID: session.id, at: fixtures.clock.now()) }
            let found = try await storage.read { try await $0.deviceCodeGrants.find(id: grant.id) }
            #expect(!exchanged)
            #expect(found?.status == .pending)
        }
    }

    @Test("a denied grant cannot be exchanged", arguments: TestBackend.available)
    func exchangeRejected(backend: TestBackend) async throws {
        let client = fixtures.client()
        let user = fixtures.user()
        let browser = browserSession(user)
        let session = oauthSession(client, user)
        let grant = deviceGrant(client)
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await addParents(repositories, client: client, user: user, browser: browser, session: session)
                try await repositories.deviceCodeGrants.add(grant, deviceCodeHash: fixtures.tokenHash())
                _ = try await repositories.deviceCodeGrants.reject(id: grant.id, browserSessionID: browser.id, at: now)
            }
            let exchanged = try await storage.transaction { try await $0.deviceCodeGrants.exchange(id: grant.id, sessionID: session.id, at: now) }
            #expect(!exchanged)
        }
    }

    @Test("a poll records when the device last asked", arguments: TestBackend.available)
    func recordPoll(backend: TestBackend) async throws {
        let client = fixtures.client()
        let grant = deviceGrant(client)
        let polledAt = fixtures.clock.now().addingTimeInterval(5.5)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.oauthClients.add(client)
                try await repositories.deviceCodeGrants.add(grant, deviceCodeHash: fixtures.tokenHash())
            }
            try await storage.transaction { try await $0.deviceCodeGrants.recordPoll(id: grant.id, at: polledAt) }
            let found = try await storage.read { try await $0.deviceCodeGrants.find(id: grant.id) }
            #expect(found?.lastPolledAt == polledAt)
        }
    }

    @Test("a row that is both denied and exchanged is reported as corrupt", arguments: TestBackend.available)
    func impossibleState(backend: TestBackend) async throws {
        let client = fixtures.client()
        let user = fixtures.user()
        let browser = browserSession(user)
        let session = oauthSession(client, user)
        let now = fixtures.clock.now()
        var grant = deviceGrant(client)
        grant.status = .exchanged(browserSessionID: browser.id, sessionID: session.id, fulfilledAt: now, exchangedAt: now)
        let stored = grant
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await addParents(repositories, client: client, user: user, browser: browser, session: session)
                try await repositories.deviceCodeGrants.add(stored, deviceCodeHash: fixtures.tokenHash())
                let sql = try #require(repositories as? SQLRepositories).sql
                try await sql.raw("UPDATE oauth_device_code_grants SET rejected_at = \(bind: now) WHERE id = \(bind: stored.id.description)").run()
            }
            let error = await #expect(throws: StorageError.self) {
                try await storage.read { try await $0.deviceCodeGrants.find(id: stored.id) }
            }
            guard case .corruptRow(let table, _, _)? = error else {
                Issue.record("expected a corrupt row, got \(String(describing: error))")
                return
            }
            #expect(table == "oauth_device_code_grants")
        }
    }

    // MARK: - Setup

    private func deviceGrant(_ client: OAuthClient, userCode: String? = nil) -> DeviceCodeGrant {
        let now = fixtures.clock.now()
        return DeviceCodeGrant(
            id: DeviceCodeGrantID(date: now), clientID: client.id, scope: [.openID, "urn:matrix:client:api:*"],
            userCode: userCode ?? String(fixtures.tokenHash().prefix(8)).uppercased(), createdAt: now, expiresAt: now.addingTimeInterval(600)
        )
    }

    private func browserSession(_ user: User) -> BrowserSession {
        BrowserSession(id: BrowserSessionID(date: fixtures.clock.now()), userID: user.id, createdAt: fixtures.clock.now())
    }

    private func oauthSession(_ client: OAuthClient, _ user: User) -> OAuthSession {
        OAuthSession(id: OAuthSessionID(date: fixtures.clock.now()), clientID: client.id, userID: user.id, scope: [.openID], createdAt: fixtures.clock.now())
    }

    /// Adds the rows a device grant's columns refer to.
    private func addParents(
        _ repositories: any Repositories, client: OAuthClient, user: User, browser: BrowserSession? = nil, session: OAuthSession? = nil
    ) async throws {
        try await repositories.oauthClients.add(client)
        try await repositories.users.add(user)
        if let browser { try await repositories.browserSessions.add(browser) }
        if let session { try await repositories.oauthSessions.add(session) }
    }
}
