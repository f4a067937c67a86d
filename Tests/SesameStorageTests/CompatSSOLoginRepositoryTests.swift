import Foundation
import SesameModel
import SesameStorage
import Testing

@Suite("Compat SSO logins")
struct CompatSSOLoginRepositoryTests {
    let fixtures = Fixtures()

    @Test("a login goes pending → fulfilled → exchanged, found by ID and by its current token hash", arguments: TestBackend.available)
    func lifecycle(backend: TestBackend) async throws {
        let user = fixtures.user()
        let now = fixtures.clock.now()
        let browser = BrowserSession(id: BrowserSessionID(date: now), userID: user.id, createdAt: now)
        let session = CompatSession(id: CompatSessionID(date: now), userID: user.id, deviceID: DeviceID("SSO")!, createdAt: now)
        let login = CompatSSOLogin(id: CompatSSOLoginID(date: now), redirectURI: "https://client.example.org/?a=1", createdAt: now)
        let placeholder = fixtures.tokenHash()
        let loginToken = fixtures.tokenHash()
        let fulfilledAt = now.addingTimeInterval(5)
        let exchangedAt = now.addingTimeInterval(10)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(user)
                try await repositories.browserSessions.add(browser)
                try await repositories.compatSSOLogins.add(login, loginTokenHash: placeholder)
            }
            #expect(try await storage.read { try await $0.compatSSOLogins.find(id: login.id) } == login)
            #expect(try await storage.read { try await $0.compatSSOLogins.find(loginTokenHash: placeholder) } == login)
            // Exchanging a pending login does nothing.
            #expect(try await storage.transaction { try await $0.compatSSOLogins.exchange(id: login.id, sessionID: session.id, at: exchangedAt) } == false)

            let fulfilled = try await storage.transaction {
                try await $0.compatSSOLogins.fulfill(id: login.id, browserSessionID: browser.id, loginTokenHash: loginToken, at: fulfilledAt)
            }
            let again = try await storage.transaction {
                try await $0.compatSSOLogins.fulfill(id: login.id, browserSessionID: browser.id, loginTokenHash: fixtures.tokenHash(), at: fulfilledAt)
            }
            #expect(fulfilled && !again)
            #expect(try await storage.read { try await $0.compatSSOLogins.find(loginTokenHash: placeholder) } == nil)
            #expect(try await storage.read { try await $0.compatSSOLogins.find(loginTokenHash: loginToken) }?.status
                == .fulfilled(browserSessionID: browser.id, fulfilledAt: fulfilledAt))

            let exchanged = try await storage.transaction { repositories in
                try await repositories.compatSessions.add(session)
                return try await repositories.compatSSOLogins.exchange(id: login.id, sessionID: session.id, at: exchangedAt)
            }
            let twice = try await storage.transaction { try await $0.compatSSOLogins.exchange(id: login.id, sessionID: session.id, at: exchangedAt) }
            #expect(exchanged && !twice)
            #expect(try await storage.read { try await $0.compatSSOLogins.find(id: login.id) }?.status
                == .exchanged(browserSessionID: browser.id, sessionID: session.id, fulfilledAt: fulfilledAt, exchangedAt: exchangedAt))
        }
    }
}
