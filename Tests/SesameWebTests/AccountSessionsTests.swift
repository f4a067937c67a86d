import Foundation
import SesameModel
import SesameOAuth
import SesameWeb
import Testing

@Suite("Account sessions page")
struct AccountSessionsTests {
    @Test("the list shows browsers (this one marked), OAuth sessions with client and device, and compat devices")
    func listsEveryKind() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            _ = try await world.oauthSession(for: alice, device: "PHONE1", clientName: "Element X")
            _ = try await world.compatSession(for: alice, device: "LAPTOP2")
            let page = try await world.browser.get("/account/sessions")
            #expect(page.status == .ok)
            #expect(page.body.contains("this browser"))
            #expect(page.body.contains("Element X"))
            #expect(page.body.contains("<code>PHONE1</code>"))
            #expect(page.body.contains("198.51.100.7"))
            #expect(page.body.contains("<code>LAPTOP2</code>"))
            #expect(page.body.contains("203.0.113.9"))
        }
    }

    @Test("another user's sessions are not listed")
    func onlyOwnSessions() async throws {
        try await AccountWorld.with { world in
            try await world.signedInAlice()
            let bob = try await world.user("bob")
            _ = try await world.oauthSession(for: bob, device: "BOBPHONE", clientName: "Bob's App")
            let page = try await world.browser.get("/account/sessions")
            #expect(!page.body.contains("BOBPHONE"))
            #expect(!page.body.contains("Bob&#39;s App") && !page.body.contains("Bob's App"))
        }
    }

    @Test("the detail view names the client, device, IP and user agent")
    func detail() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let (session, _) = try await world.oauthSession(for: alice, device: "PHONE1")
            let page = try await world.browser.get("/account/sessions/\(session.id)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Element X"))
            #expect(page.body.contains("<code>PHONE1</code>"))
            #expect(page.body.contains("198.51.100.7"))
            #expect(page.body.contains("ElementX/1.0"))
            #expect(page.body.contains("action=\"/account/sessions/\(session.id)/end\""))
        }
    }

    @Test("ending an OAuth session revokes its token at introspection and queues the device sync")
    func endOAuthSession() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let (session, token) = try await world.oauthSession(for: alice)
            #expect(try await world.isActive(token))
            let response = try await world.browser.post("/account/sessions/\(session.id)/end", ["csrf": try await world.csrf("/account/sessions")])
            #expect(response.status == .seeOther)
            #expect(response.location == "/account/sessions")
            #expect(try await !world.isActive(token))
            #expect(try await world.queuedJobs().contains(.syncDevices(userID: alice.id)))
            let ended = try #require(try await world.storage.read { try await $0.oauthSessions.find(id: session.id) })
            #expect(!ended.isActive)
        }
    }

    @Test("ending a compat session revokes its token and queues the device sync")
    func endCompatSession() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let (session, token) = try await world.compatSession(for: alice)
            _ = try await world.browser.post("/account/sessions/\(session.id)/end", ["csrf": try await world.csrf("/account/sessions")])
            #expect(try await !world.isActive(token))
            #expect(try await world.queuedJobs().contains(.syncDevices(userID: alice.id)))
            #expect(try await !world.browser.get("/account/sessions").body.contains("COMPATDEV"))
        }
    }

    @Test("ending without the CSRF token is refused and the session keeps working")
    func endNeedsCSRF() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let (session, token) = try await world.oauthSession(for: alice)
            let response = try await world.browser.post("/account/sessions/\(session.id)/end", [:])
            #expect(response.status == .forbidden)
            let forged = try await world.browser.post("/account/sessions/\(session.id)/end", ["csrf": "forged"])
            #expect(forged.status == .forbidden)
            #expect(try await world.isActive(token))
        }
    }

    @Test("someone else's session is not found, neither to view nor to end, and keeps working")
    func wrongOwner() async throws {
        try await AccountWorld.with { world in
            try await world.signedInAlice()
            let bob = try await world.user("bob")
            let (session, token) = try await world.oauthSession(for: bob)
            #expect(try await world.browser.get("/account/sessions/\(session.id)").status == .notFound)
            #expect(try await world.browser.get("/account/sessions/\(session.id)/end").status == .notFound)
            let response = try await world.browser.post("/account/sessions/\(session.id)/end", ["csrf": try await world.csrf("/account/sessions")])
            #expect(response.status == .notFound)
            #expect(try await world.isActive(token))
        }
    }

    @Test("a malformed session ID is not found, not an error")
    func malformedID() async throws {
        try await AccountWorld.with { world in
            try await world.signedInAlice()
            #expect(try await world.browser.get("/account/sessions/not-a-ulid").status == .notFound)
            let response = try await world.browser.post("/account/sessions/%00%ff/end", ["csrf": try await world.csrf("/account/sessions")])
            #expect(response.status == .notFound)
        }
    }

    @Test("the confirmation page asks before ending")
    func confirmationPage() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let (session, token) = try await world.compatSession(for: alice, device: "LAPTOP2")
            let page = try await world.browser.get("/account/sessions/\(session.id)/end")
            #expect(page.status == .ok)
            #expect(page.body.contains("LAPTOP2"))
            #expect(try await world.isActive(token))
        }
    }

    @Test("ending another browser session signs that browser out")
    func endOtherBrowser() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let now = world.clock.now()
            let other = BrowserSession(id: BrowserSessionID(date: now), userID: alice.id, createdAt: now, activity: ActivityRecord(userAgent: "Other Browser/2.0"))
            try await world.storage.transaction { try await $0.browserSessions.add(other) }
            #expect(try await world.browser.get("/account/sessions").body.contains("Other Browser/2.0"))
            _ = try await world.browser.post("/account/sessions/\(other.id)/end", ["csrf": try await world.csrf("/account/sessions")])
            let ended = try #require(try await world.storage.read { try await $0.browserSessions.find(id: other.id) })
            #expect(!ended.isActive)
            #expect(try await world.browser.get("/account/").status == .ok)
        }
    }

    @Test("ending this browser's own session signs it out and sends it to the login page")
    func endCurrentBrowser() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let current = try #require(try await world.storage.read { try await $0.browserSessions.list(for: alice.id, activeOnly: true) }.first)
            let response = try await world.browser.post("/account/sessions/\(current.id)/end", ["csrf": try await world.csrf("/account/sessions")])
            #expect(response.status == .seeOther)
            #expect(response.location?.hasPrefix("/login") == true)
            #expect(try await world.browser.get("/account/").status == .seeOther)
        }
    }

    @Test("visiting the account pages records the browser session's activity, written at the next flush")
    func pageVisitsRecordActivity() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let session = try #require(try await world.storage.read { try await $0.browserSessions.list(for: alice.id, activeOnly: true) }.first)
            world.clock.advance(by: 3600)
            _ = try await world.browser.get("/account/")
            let before = try #require(try await world.storage.read { try await $0.browserSessions.find(id: session.id) })
            #expect(before.activity.lastActiveAt == session.activity.lastActiveAt)
            try await world.services.activity.flush()
            let after = try #require(try await world.storage.read { try await $0.browserSessions.find(id: session.id) })
            let lastActive = try #require(after.activity.lastActiveAt)
            #expect(lastActive.timeIntervalSince(session.createdAt) >= 3600)
        }
    }
}
