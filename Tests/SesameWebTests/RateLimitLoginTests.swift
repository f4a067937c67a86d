import Foundation
import SesameModel
import SesameWeb
import Testing

@Suite("Rate limits on the login page")
struct RateLimitLoginTests {
    /// Five wrong passwords per account per hour; generous per IP (in-process requests have no IP).
    static let fivePerAccount: @Sendable (any WallClock) -> RateLimits = { clock in
        var limits = RateLimits.masDefaults(clock: clock)
        limits = RateLimits(
            login: LoginRateLimiter(
                perIP: RateLimitRule(burst: 100, perSecond: 1), perAccount: RateLimitRule(burst: 5, perSecond: 5.0 / 3600), clock: clock
            ),
            registration: limits.registration, accountRecovery: limits.accountRecovery, emailAuthentication: limits.emailAuthentication
        )
        return limits
    }

    private func attempt(_ web: WebHarness, username: String, password: String) async throws -> WebResponse {
        let page = try await web.browser.get("/login")
        return try await web.browser.post("/login", ["csrf": try #require(page.csrf), "username": username, "password": password])
    }

    @Test("after five wrong passwords the account gets the rate-limit page with 429 and Retry-After, even with the right password")
    func fiveWrongPasswords() async throws {
        try await WebHarness.with(rateLimits: Self.fivePerAccount) { web in
            try await web.user()
            for _ in 0..<5 {
                let wrong = try await attempt(web, username: "alice", password: "wrong")
                #expect(wrong.status == .badRequest)
                #expect(wrong.body.contains("Invalid username or password"))
            }
            let limited = try await attempt(web, username: "alice", password: "correct horse battery")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.body.contains("Too many attempts"))
            #expect(limited.body.contains("try again in 12 minutes"))
            #expect(limited.header("Retry-After") == "720")
            #expect(limited.header("X-Frame-Options") == "DENY")
            #expect(limited.location == nil)
        }
    }

    @Test("the limit page reads the same for an account that does not exist")
    func noEnumeration() async throws {
        try await WebHarness.with(rateLimits: Self.fivePerAccount) { web in
            try await web.user()
            for name in ["alice", "mallory"] {
                for _ in 0..<5 { _ = try await attempt(web, username: name, password: "wrong") }
            }
            let existing = try await attempt(web, username: "alice", password: "wrong")
            let missing = try await attempt(web, username: "mallory", password: "wrong")
            #expect(existing.status == .tooManyRequests)
            #expect(missing.status == existing.status)
            #expect(missing.body == existing.body)
        }
    }

    @Test("the right password is never charged, and another account is not affected")
    func successIsFree() async throws {
        try await WebHarness.with(rateLimits: Self.fivePerAccount) { web in
            try await web.user()
            try await web.user("bob")
            for _ in 0..<8 {
                let ok = try await attempt(web, username: "bob", password: "correct horse battery")
                #expect(ok.status == .seeOther)
            }
            for _ in 0..<5 { _ = try await attempt(web, username: "alice", password: "wrong") }
            #expect(try await attempt(web, username: "bob", password: "correct horse battery").status == .seeOther)
        }
    }

    @Test("the account's bucket refills with time")
    func refills() async throws {
        try await WebHarness.with(rateLimits: Self.fivePerAccount) { web in
            try await web.user()
            for _ in 0..<5 { _ = try await attempt(web, username: "alice", password: "wrong") }
            #expect(try await attempt(web, username: "alice", password: "correct horse battery").status == .tooManyRequests)
            web.clock.advance(by: 721)
            #expect(try await attempt(web, username: "alice", password: "correct horse battery").status == .seeOther)
        }
    }
}
