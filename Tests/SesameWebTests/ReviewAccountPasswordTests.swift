import Foundation
import SesameModel
import SesameWeb
import Testing

/// Review finding: the account pages check the current password, so they draw on the same
/// `rate_limiting.login` buckets as the login page; otherwise a stolen session cookie could guess
/// the password without limit.
@Suite("Review: password checks on the account pages are rate limited")
struct ReviewAccountPasswordTests {
    private func changePassword(_ web: WebHarness, current: String) async throws -> WebResponse {
        let page = try await web.browser.get("/account/password")
        return try await web.browser.post("/account/password", [
            "csrf": try #require(page.csrf), "current_password": current,
            "new_password": "a much better passphrase", "new_password_confirm": "a much better passphrase",
        ])
    }

    @Test("after five wrong current passwords on /account/password, even the right one waits")
    func passwordPage() async throws {
        try await WebHarness.with(rateLimits: RateLimitLoginTests.fivePerAccount) { web in
            try await web.user()
            try await web.signIn()
            for _ in 0..<5 { #expect(try await changePassword(web, current: "a guess").status == .badRequest) }
            let limited = try await changePassword(web, current: "correct horse battery")
            #expect(limited.status == .tooManyRequests)
            #expect(try await web.accounts.verifyPassword("correct horse battery", for: try await web.accounts.requireUser("alice")))
        }
    }

    @Test("wrong passwords typed on /account/deactivate count too, and then deactivation waits")
    func deactivatePage() async throws {
        try await WebHarness.with(rateLimits: RateLimitLoginTests.fivePerAccount) { web in
            try await web.user()
            try await web.signIn()
            for _ in 0..<5 {
                let page = try await web.browser.get("/account/deactivate")
                let refused = try await web.browser.post("/account/deactivate", ["csrf": try #require(page.csrf), "confirm": "a guess"])
                #expect(refused.status == .badRequest)
            }
            let page = try await web.browser.get("/account/deactivate")
            let limited = try await web.browser.post("/account/deactivate", ["csrf": try #require(page.csrf), "confirm": "correct horse battery"])
            #expect(limited.status == .tooManyRequests)
            #expect(try await web.accounts.requireUser("alice").deactivatedAt == nil)
        }
    }
}
