import Foundation
import SesameModel
import SesameWeb
import Synchronization
import Testing

/// Stands in for `CompatLoginService`: logins waiting for approval, and the approvals given.
final class FakeCompatSSOApprover: CompatSSOApprover {
    private let state = Mutex<(pending: [CompatSSOLoginID: String], approvals: [CompatSSOLoginID: BrowserSessionID])>(([:], [:]))

    /// Records a pending login for `redirectURL` and returns its ID.
    func start(redirectURL: String) -> CompatSSOLoginID {
        let id = CompatSSOLoginID(date: Date())
        state.withLock { $0.pending[id] = redirectURL }
        return id
    }

    /// The browser session that approved `id`, if any did.
    func approval(of id: CompatSSOLoginID) -> BrowserSessionID? { state.withLock { $0.approvals[id] } }

    func pendingLogin(id: CompatSSOLoginID) async throws -> PendingCompatSSOLogin? {
        state.withLock { $0.pending[id] }.map { PendingCompatSSOLogin(id: id, redirectURL: $0) }
    }

    func approve(id: CompatSSOLoginID, browserSessionID: BrowserSessionID) async throws -> String? {
        state.withLock { state -> String? in
            guard let redirectURL = state.pending.removeValue(forKey: id) else { return nil }
            state.approvals[id] = browserSessionID
            return redirectURL + "?loginToken=TOKEN"
        }
    }
}

@Suite("Legacy Matrix SSO confirmation page")
struct CompatSSOPageTests {
    private let redirectURL = "https://client.example.org/sso/callback"

    @Test("a signed-out visitor is sent to sign in first, then back to the page")
    func needsSignIn() async throws {
        let approver = FakeCompatSSOApprover()
        try await WebHarness.with(compatSSO: approver) { web in
            let id = approver.start(redirectURL: redirectURL)
            let response = try await web.browser.get("/complete-compat-sso/\(id)")
            #expect(response.status == .seeOther)
            #expect(response.location == "/login?next=%2Fcomplete-compat-sso%2F\(id)")
        }
    }

    @Test("the signed-in user is asked whether to continue to the client's host")
    func showsHost() async throws {
        let approver = FakeCompatSSOApprover()
        try await WebHarness.with(compatSSO: approver) { web in
            try await web.user()
            try await web.signIn()
            let id = approver.start(redirectURL: redirectURL)
            let page = try await web.browser.get("/complete-compat-sso/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Continue to client.example.org?"))
            #expect(page.body.contains("as alice"))
            #expect(page.csrf != nil)
            // The approval redirects to the client, so the form may end there.
            #expect(page.header("Content-Security-Policy")?.contains("form-action 'self' https://client.example.org;") == true)
        }
    }

    @Test("approving sends the browser to the client with its login token")
    func approve() async throws {
        let approver = FakeCompatSSOApprover()
        try await WebHarness.with(compatSSO: approver) { web in
            try await web.user()
            try await web.signIn()
            let id = approver.start(redirectURL: redirectURL)
            let page = try await web.browser.get("/complete-compat-sso/\(id)")
            let response = try await web.browser.post("/complete-compat-sso/\(id)", ["csrf": try #require(page.csrf), "action": "approve"])
            #expect(response.status == .seeOther)
            #expect(response.location == "\(redirectURL)?loginToken=TOKEN")
            #expect(approver.approval(of: id) != nil)
        }
    }

    @Test("a form without the CSRF field is refused and approves nothing")
    func csrf() async throws {
        let approver = FakeCompatSSOApprover()
        try await WebHarness.with(compatSSO: approver) { web in
            try await web.user()
            try await web.signIn()
            let id = approver.start(redirectURL: redirectURL)
            let response = try await web.browser.post("/complete-compat-sso/\(id)", ["action": "approve"])
            #expect(response.status == .forbidden)
            #expect(approver.approval(of: id) == nil)
        }
    }

    @Test("cancelling says so and approves nothing")
    func cancel() async throws {
        let approver = FakeCompatSSOApprover()
        try await WebHarness.with(compatSSO: approver) { web in
            try await web.user()
            try await web.signIn()
            let id = approver.start(redirectURL: redirectURL)
            let page = try await web.browser.get("/complete-compat-sso/\(id)")
            let response = try await web.browser.post("/complete-compat-sso/\(id)", ["csrf": try #require(page.csrf), "action": "cancel"])
            #expect(response.status == .ok)
            #expect(response.body.contains("Sign-in cancelled"))
            #expect(response.body.contains("client.example.org"))
            #expect(approver.approval(of: id) == nil)
        }
    }

    @Test("an unknown, malformed or already used login gets a clear message")
    func gone() async throws {
        let approver = FakeCompatSSOApprover()
        try await WebHarness.with(compatSSO: approver) { web in
            try await web.user()
            try await web.signIn()
            for path in ["/complete-compat-sso/\(CompatSSOLoginID(date: Date()))", "/complete-compat-sso/not-an-id"] {
                let page = try await web.browser.get(path)
                #expect(page.status == .notFound)
                #expect(page.body.contains("This sign-in request is no longer valid"))
            }
            let id = approver.start(redirectURL: redirectURL)
            let page = try await web.browser.get("/complete-compat-sso/\(id)")
            let csrf = try #require(page.csrf)
            _ = try await web.browser.post("/complete-compat-sso/\(id)", ["csrf": csrf, "action": "approve"])
            let again = try await web.browser.post("/complete-compat-sso/\(id)", ["csrf": csrf, "action": "approve"])
            #expect(again.status == .notFound)
            #expect(again.body.contains("This sign-in request is no longer valid"))
        }
    }

    @Test("without an approver the page is not served")
    func absent() async throws {
        try await WebHarness.with { web in
            let response = try await web.browser.get("/complete-compat-sso/\(CompatSSOLoginID(date: Date()))")
            #expect(response.status == .notFound)
        }
    }
}
