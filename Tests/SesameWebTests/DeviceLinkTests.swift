import Foundation
import SesameModel
import SesameOAuth
import Testing

@Suite("Device link page (RFC 8628 §3.3)")
struct DeviceLinkTests {
    private func deviceGrant(_ web: WebHarness, client: OAuthClient, userCode: String = "BCDFGHJK", lifetime: TimeInterval = 600) async throws -> DeviceCodeGrant {
        let now = web.clock.now()
        let grant = DeviceCodeGrant(
            id: DeviceCodeGrantID(date: now), clientID: client.id, scope: ["openid", MatrixScope.api], userCode: userCode,
            createdAt: now, expiresAt: now.addingTimeInterval(lifetime)
        )
        try await web.storage.transaction { try await $0.deviceCodeGrants.add(grant, deviceCodeHash: UUID().uuidString) }
        return grant
    }

    private func status(_ web: WebHarness, _ grant: DeviceCodeGrant) async throws -> DeviceCodeGrantState? {
        try await web.storage.read { try await $0.deviceCodeGrants.find(id: grant.id) }?.status
    }

    @Test("a signed-out visitor is sent to sign in first, keeping the code")
    func needsSignIn() async throws {
        try await WebHarness.with { web in
            let response = try await web.browser.get("/link?code=BCDF-GHJK")
            #expect(response.status == .seeOther)
            #expect(response.location == "/login?next=%2Flink%3Fcode%3DBCDF-GHJK")
        }
    }

    @Test("the user approves a code typed in lower case without its dash")
    func approve() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let client = try await web.client()
            let grant = try await deviceGrant(web, client: client)
            try await web.signIn()
            let page = try await web.browser.get("/link?code=bcdfghjk")
            #expect(page.status == .ok)
            #expect(page.body.contains("Example App on another device wants to:"))
            #expect(page.body.contains("Access your Matrix account"))
            let response = try await web.browser.post("/link", [
                "csrf": try #require(page.csrf), "code": try #require(page.hiddenField("code")), "action": "approve",
            ])
            #expect(response.status == .seeOther)
            #expect(response.location == "/link?done=approved")
            guard case .fulfilled = try await status(web, grant) else {
                Issue.record("the device grant was not fulfilled")
                return
            }
            let done = try await web.browser.get("/link?done=approved")
            #expect(done.body.contains("Device connected"))
        }
    }

    @Test("the user denies a code")
    func deny() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let client = try await web.client()
            let grant = try await deviceGrant(web, client: client)
            try await web.signIn()
            let page = try await web.browser.get("/link?code=BCDF-GHJK")
            let response = try await web.browser.post("/link", ["csrf": try #require(page.csrf), "code": "BCDF-GHJK", "action": "deny"])
            #expect(response.location == "/link?done=denied")
            guard case .rejected = try await status(web, grant) else {
                Issue.record("the device grant was not rejected")
                return
            }
        }
    }

    @Test("unknown, expired and used codes get a clear message")
    func badCodes() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let client = try await web.client()
            _ = try await deviceGrant(web, client: client, userCode: "BBBBCCCC", lifetime: 60)
            try await web.signIn()
            let unknown = try await web.browser.get("/link?code=ZZZZ-ZZZZ")
            #expect(unknown.body.contains("That code is not valid"))
            let nonsense = try await web.browser.get("/link?code=hello")
            #expect(nonsense.body.contains("That code is not valid"))

            web.clock.advance(by: 120)
            let expired = try await web.browser.get("/link?code=BBBB-CCCC")
            #expect(expired.body.contains("That code has expired"))

            let fresh = try await deviceGrant(web, client: client, userCode: "DDDDFFFF")
            let page = try await web.browser.get("/link?code=DDDD-FFFF")
            _ = try await web.browser.post("/link", ["csrf": try #require(page.csrf), "code": "DDDD-FFFF", "action": "approve"])
            let again = try await web.browser.get("/link?code=DDDD-FFFF")
            #expect(again.body.contains("That code was already used"))
            _ = fresh
        }
    }

    @Test("approving without the CSRF field is refused")
    func withoutCSRF() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let client = try await web.client()
            let grant = try await deviceGrant(web, client: client)
            try await web.signIn()
            let response = try await web.browser.post("/link", ["code": "BCDF-GHJK", "action": "approve"])
            #expect(response.status == .forbidden)
            let state = try await status(web, grant)
            #expect(state == .pending)
        }
    }

    @Test("ten wrong codes from one user and address, then the limit page even for a real code; it refills over time")
    func guessingIsLimited() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let client = try await web.client()
            let grant = try await deviceGrant(web, client: client, lifetime: 3600)
            try await web.signIn()
            for _ in 0..<10 {
                let wrong = try await web.browser.get("/link?code=ZZZZZZZZ")
                #expect(wrong.status == .badRequest)
            }
            let limited = try await web.browser.get("/link?code=\(grant.userCode)")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
            let posted = try await web.browser.post("/link", ["csrf": try #require(limited.csrf), "code": grant.userCode, "action": "approve"])
            #expect(posted.status == .tooManyRequests)
            #expect(try await status(web, grant) == .pending)
            web.clock.advance(by: 400)
            let page = try await web.browser.get("/link?code=\(grant.userCode)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Example App on another device wants to:"))
        }
    }
}
