import Foundation
import SesameModel
import SesameStorage
import Testing

/// The filtered, paged listings across every user that the admin API serves.
@Suite("Filtered listings")
struct ListingFilterRepositoryTests {
    let fixtures = Fixtures()
    static let everything = PageRequest(after: nil, before: nil, limit: 100, fromEnd: false)

    /// A moment later than the last, so IDs sort in creation order.
    private func later() -> Date {
        fixtures.clock.advance(by: 1)
        return fixtures.clock.now()
    }

    @Test("OAuth sessions filter by user, client, client kind, status, scope and dates", arguments: TestBackend.available)
    func oauthSessions(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let bob = fixtures.user("bob")
        let app = fixtures.client()
        var staticClient = fixtures.client()
        staticClient.id = ClientID(date: later())
        staticClient.isStatic = true
        let configured = staticClient
        let start = later()
        let aliceApp = OAuthSession(id: OAuthSessionID(date: later()), clientID: app.id, userID: alice.id, scope: [MatrixScope.api, .openID], createdAt: fixtures.clock.now())
        let bobApp = OAuthSession(
            id: OAuthSessionID(date: later()), clientID: app.id, userID: bob.id, scope: ["urn:matrix:client:api:*_x"], createdAt: fixtures.clock.now(),
            finishedAt: fixtures.clock.now(), activity: ActivityRecord(lastActiveAt: fixtures.clock.now())
        )
        let middle = later()
        let bobConfigured = OAuthSession(id: OAuthSessionID(date: later()), clientID: configured.id, userID: bob.id, scope: [MatrixScope.api], createdAt: fixtures.clock.now())
        let machine = OAuthSession(id: OAuthSessionID(date: later()), clientID: configured.id, userID: nil, scope: [MatrixScope.masAdmin], createdAt: fixtures.clock.now())
        let all = [aliceApp, bobApp, bobConfigured, machine]
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                for user in [alice, bob] { try await repositories.users.add(user) }
                for client in [app, configured] { try await repositories.oauthClients.add(client) }
                for session in all { try await repositories.oauthSessions.add(session) }
            }
            func ids(_ filter: OAuthSessionFilter) async throws -> [OAuthSessionID] {
                let listed = try await storage.read { try await $0.oauthSessions.list(filter, page: Self.everything) }
                let counted = try await storage.read { try await $0.oauthSessions.count(filter) }
                #expect(counted == listed.count)
                return listed.map(\.id)
            }
            #expect(try await ids(.init()) == all.map(\.id))
            #expect(try await ids(.init(session: .init(userID: bob.id))) == [bobApp.id, bobConfigured.id])
            #expect(try await ids(.init(clientIDs: [configured.id])) == [bobConfigured.id, machine.id])
            #expect(try await ids(.init(clientIDs: [configured.id, app.id])) == all.map(\.id))
            #expect(try await ids(.init(clientKind: .dynamic)) == [aliceApp.id, bobApp.id])
            #expect(try await ids(.init(clientKind: .static)) == [bobConfigured.id, machine.id])
            #expect(try await ids(.init(session: .init(status: .finished))) == [bobApp.id])
            #expect(try await ids(.init(session: .init(status: .active))) == [aliceApp.id, bobConfigured.id, machine.id])
            // A whole token matches, never a prefix of a longer one (the `_` is not a wildcard either).
            #expect(try await ids(.init(scope: [MatrixScope.api.rawValue])) == [aliceApp.id, bobConfigured.id])
            #expect(try await ids(.init(scope: [MatrixScope.api.rawValue, "openid"])) == [aliceApp.id])
            #expect(try await ids(.init(scope: ["URN:MAS:ADMIN"])) == [])
            #expect(try await ids(.init(session: .init(createdBefore: middle))) == [aliceApp.id, bobApp.id])
            #expect(try await ids(.init(session: .init(createdAfter: middle))) == [bobConfigured.id, machine.id])
            #expect(try await ids(.init(session: .init(createdAfter: start, lastActiveAfter: start))) == [bobApp.id])
            let firstPage = try await storage.read { try await $0.oauthSessions.list(.init(), page: PageRequest(after: nil, before: nil, limit: 2, fromEnd: true)) }
            #expect(firstPage.map(\.id) == [bobConfigured.id, machine.id])
        }
    }

    @Test("browser and compat sessions list across users and filter by user, status and browser session", arguments: TestBackend.available)
    func browserAndCompatSessions(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let bob = fixtures.user("bob")
        let aliceBrowser = BrowserSession(id: BrowserSessionID(date: later()), userID: alice.id, createdAt: fixtures.clock.now())
        let bobBrowser = BrowserSession(id: BrowserSessionID(date: later()), userID: bob.id, createdAt: fixtures.clock.now(), finishedAt: fixtures.clock.now())
        let aliceSSO = CompatSession(id: CompatSessionID(date: later()), userID: alice.id, deviceID: DeviceID("AAAA")!, browserSessionID: aliceBrowser.id, createdAt: fixtures.clock.now())
        let bobPassword = CompatSession(id: CompatSessionID(date: later()), userID: bob.id, deviceID: DeviceID("BBBB")!, createdAt: fixtures.clock.now())
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                for user in [alice, bob] { try await repositories.users.add(user) }
                for session in [aliceBrowser, bobBrowser] { try await repositories.browserSessions.add(session) }
                for session in [aliceSSO, bobPassword] { try await repositories.compatSessions.add(session) }
            }
            let browsers = try await storage.read { try await $0.browserSessions.list(SessionFilter(), page: Self.everything) }
            #expect(browsers.map(\.id) == [aliceBrowser.id, bobBrowser.id])
            let finished = try await storage.read { try await $0.browserSessions.list(SessionFilter(status: .finished), page: Self.everything) }
            #expect(finished.map(\.id) == [bobBrowser.id])
            #expect(try await storage.read { try await $0.browserSessions.count(SessionFilter(userID: alice.id)) } == 1)
            let compat = try await storage.read { try await $0.compatSessions.list(CompatSessionFilter(), page: Self.everything) }
            #expect(compat.map(\.id) == [aliceSSO.id, bobPassword.id])
            let fromBrowser = try await storage.read { try await $0.compatSessions.list(CompatSessionFilter(browserSessionID: aliceBrowser.id), page: Self.everything) }
            #expect(fromBrowser.map(\.id) == [aliceSSO.id])
            #expect(try await storage.read { try await $0.compatSessions.count(CompatSessionFilter(session: .init(userID: bob.id))) } == 1)
        }
    }

    @Test("emails list across users and filter by user and address", arguments: TestBackend.available)
    func emails(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let bob = fixtures.user("bob")
        let aliceMail = UserEmail(id: UserEmailID(date: later()), userID: alice.id, email: "Alice@Example.com", createdAt: fixtures.clock.now())
        let bobMail = UserEmail(id: UserEmailID(date: later()), userID: bob.id, email: "bob@example.com", createdAt: fixtures.clock.now())
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                for user in [alice, bob] { try await repositories.users.add(user) }
                for email in [aliceMail, bobMail] { try await repositories.emails.add(email) }
            }
            #expect(try await storage.read { try await $0.emails.list(UserEmailFilter(), page: Self.everything) }.map(\.id) == [aliceMail.id, bobMail.id])
            #expect(try await storage.read { try await $0.emails.list(UserEmailFilter(email: "alice@example.COM"), page: Self.everything) }.map(\.id) == [aliceMail.id])
            #expect(try await storage.read { try await $0.emails.count(UserEmailFilter(userID: bob.id)) } == 1)
        }
    }

    @Test("users are found by part of their username, case-insensitively and literally", arguments: TestBackend.available)
    func userSearch(backend: TestBackend) async throws {
        let users = ["alice", "malice", "bob", "al_x", "alfx"].map { name in
            fixtures.clock.advance(by: 1)
            return fixtures.user(name)
        }
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in for user in users { try await repositories.users.add(user) } }
            func names(_ search: String) async throws -> [String] {
                try await storage.read { try await $0.users.list(UserFilter(search: search), page: Self.everything) }.map(\.username.rawValue)
            }
            #expect(try await names("LICE") == ["alice", "malice"])
            #expect(try await names("al_") == ["al_x"])
            #expect(try await names("%") == [])
            #expect(try await storage.read { try await $0.users.count(UserFilter(search: "b")) } == 1)
        }
    }

    @Test("personal sessions filter by owner, actor, status and scope", arguments: TestBackend.available)
    func personalSessions(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let bot = fixtures.user("bot")
        let admin = fixtures.client()
        let own = PersonalSession(id: PersonalSessionID(date: later()), owner: .user(alice.id), actorUserID: alice.id, humanName: "mine", scope: [MatrixScope.api], createdAt: fixtures.clock.now())
        let issued = PersonalSession(
            id: PersonalSessionID(date: later()), owner: .client(admin.id), actorUserID: bot.id, humanName: "bot", scope: [MatrixScope.api, .openID],
            createdAt: fixtures.clock.now(), revokedAt: fixtures.clock.now()
        )
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                for user in [alice, bot] { try await repositories.users.add(user) }
                try await repositories.oauthClients.add(admin)
                for session in [own, issued] { try await repositories.personalSessions.add(session) }
            }
            func ids(_ filter: PersonalSessionFilter) async throws -> [PersonalSessionID] {
                try await storage.read { try await $0.personalSessions.list(filter, page: Self.everything) }.map(\.id)
            }
            #expect(try await ids(.init()) == [own.id, issued.id])
            #expect(try await ids(.init(ownerUserID: alice.id)) == [own.id])
            #expect(try await ids(.init(ownerClientID: admin.id)) == [issued.id])
            #expect(try await ids(.init(actorUserID: bot.id)) == [issued.id])
            #expect(try await ids(.init(status: .active)) == [own.id])
            #expect(try await ids(.init(status: .revoked)) == [issued.id])
            #expect(try await ids(.init(scope: ["openid"])) == [issued.id])
            #expect(try await storage.read { try await $0.personalSessions.count(.init(scope: [MatrixScope.api.rawValue])) } == 2)
        }
    }

    @Test("personal sessions filter by their current token's expiry", arguments: TestBackend.available)
    func personalSessionExpiry(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        func session(_ name: String) -> PersonalSession {
            PersonalSession(id: PersonalSessionID(date: later()), owner: .user(alice.id), actorUserID: alice.id, humanName: name, scope: [MatrixScope.api], createdAt: fixtures.clock.now())
        }
        let soon = session("soon"), late = session("late"), forever = session("forever"), replaced = session("replaced")
        let now = fixtures.clock.now()
        func token(_ session: PersonalSession, expiresIn days: Double?, revoked: Bool = false) -> PersonalAccessToken {
            PersonalAccessToken(
                id: PersonalAccessTokenID(date: later()), sessionID: session.id, createdAt: now,
                expiresAt: days.map { now.addingTimeInterval($0 * 86_400) }, revokedAt: revoked ? now : nil
            )
        }
        // `replaced` once had a token expiring tomorrow; its current token never expires.
        let tokens = [
            token(soon, expiresIn: 1), token(late, expiresIn: 30), token(forever, expiresIn: nil),
            token(replaced, expiresIn: 1, revoked: true), token(replaced, expiresIn: nil),
        ]
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                for item in [soon, late, forever, replaced] { try await repositories.personalSessions.add(item) }
                for (index, item) in tokens.enumerated() { try await repositories.personalAccessTokens.add(item, tokenHash: "hash-\(index)") }
            }
            func ids(_ filter: PersonalSessionFilter) async throws -> [PersonalSessionID] {
                try await storage.read { try await $0.personalSessions.list(filter, page: Self.everything) }.map(\.id)
            }
            let week = now.addingTimeInterval(7 * 86_400)
            #expect(try await ids(.init(expiresBefore: week)) == [soon.id])
            #expect(try await ids(.init(expiresAfter: week)) == [late.id])
            #expect(try await ids(.init(expiresBefore: week.addingTimeInterval(30 * 86_400), expiresAfter: now)) == [soon.id, late.id])
            #expect(try await ids(.init(expires: true)) == [soon.id, late.id])
            #expect(try await ids(.init(expires: false)) == [forever.id, replaced.id])
            #expect(try await storage.read { try await $0.personalSessions.count(.init(expires: false)) } == 2)
        }
    }

    @Test("registration tokens filter by used, revoked, expired and valid", arguments: TestBackend.available)
    func registrationTokens(backend: TestBackend) async throws {
        let now = fixtures.clock.now()
        let fresh = RegistrationToken(id: RegistrationTokenID(date: later()), token: "fresh", createdAt: now)
        let usedUp = RegistrationToken(id: RegistrationTokenID(date: later()), token: "used-up", usageLimit: 1, timesUsed: 1, createdAt: now, lastUsedAt: now)
        let expired = RegistrationToken(id: RegistrationTokenID(date: later()), token: "expired", createdAt: now, expiresAt: now)
        let revoked = RegistrationToken(id: RegistrationTokenID(date: later()), token: "revoked", timesUsed: 2, createdAt: now, revokedAt: now)
        let at = later()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                for token in [fresh, usedUp, expired, revoked] { try await repositories.registrationTokens.add(token) }
            }
            func codes(_ filter: RegistrationTokenFilter) async throws -> [String] {
                let listed = try await storage.read { try await $0.registrationTokens.list(filter, page: Self.everything) }
                #expect(try await storage.read { try await $0.registrationTokens.count(filter) } == listed.count)
                return listed.map(\.token)
            }
            #expect(try await codes(.init(now: at)) == ["fresh", "used-up", "expired", "revoked"])
            #expect(try await codes(.init(now: at, used: true)) == ["used-up", "revoked"])
            #expect(try await codes(.init(now: at, used: false)) == ["fresh", "expired"])
            #expect(try await codes(.init(now: at, revoked: true)) == ["revoked"])
            #expect(try await codes(.init(now: at, expired: true)) == ["expired"])
            #expect(try await codes(.init(now: at, expired: false)) == ["fresh", "used-up", "revoked"])
            #expect(try await codes(.init(now: at, valid: true)) == ["fresh"])
            #expect(try await codes(.init(now: at, valid: false)) == ["used-up", "expired", "revoked"])
            // Before the expiry time the expired token was still valid.
            #expect(try await codes(.init(now: now.addingTimeInterval(-1), valid: true)) == ["fresh", "expired"])
        }
    }
}
