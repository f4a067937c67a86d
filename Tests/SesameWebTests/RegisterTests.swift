import Foundation
import SesameModel
import SesameWeb
import Testing

@Suite("Registration")
struct RegisterTests {
    @Test("registering creates the user, signs them in and continues to next")
    func register() async throws {
        try await WebHarness.with { web in
            let page = try await web.browser.get("/register?next=%2Flink")
            let response = try await web.browser.post("/register", [
                "csrf": try #require(page.csrf), "next": "/link", "username": "carol",
                "password": "long enough secret", "password_confirm": "long enough secret",
            ])
            #expect(response.status == .seeOther)
            #expect(response.location == "/link")
            let user = try await web.accounts.requireUser("carol")
            let sessions = try await web.storage.read { try await $0.browserSessions.list(for: user.id, activeOnly: true) }
            let session = try #require(sessions.first)
            let authentication = try await web.storage.read { try await $0.browserSessions.lastAuthentication(in: session.id) }
            #expect(authentication?.method == .registration)
        }
    }

    @Test("a taken username and mismatched passwords are explained on the page")
    func refusals() async throws {
        try await WebHarness.with { web in
            try await web.user("dave")
            let page = try await web.browser.get("/register")
            let csrf = try #require(page.csrf)
            let taken = try await web.browser.post("/register", ["csrf": csrf, "username": "dave", "password": "pw-one", "password_confirm": "pw-one"])
            #expect(taken.status == .badRequest)
            #expect(taken.body.contains("That username is taken"))
            let mismatch = try await web.browser.post("/register", ["csrf": csrf, "username": "erin", "password": "pw-one", "password_confirm": "pw-two"])
            #expect(mismatch.body.contains("The two passwords do not match"))
            let invalid = try await web.browser.post("/register", ["csrf": csrf, "username": "Erin!", "password": "pw-one", "password_confirm": "pw-one"])
            #expect(invalid.body.contains("That username cannot be used"))
        }
    }

    @Test("with registration disabled the page says so and nothing is created")
    func disabled() async throws {
        try await WebHarness.with(options: WebOptions(passwordRegistrationEnabled: false, secureCookies: true)) { web in
            let page = try await web.browser.get("/register")
            #expect(page.body.contains("New accounts cannot be created"))
            let login = try await web.browser.get("/login")
            let response = try await web.browser.post("/register", [
                "csrf": try #require(login.csrf), "username": "frank", "password": "pw", "password_confirm": "pw",
            ])
            #expect(response.body.contains("New accounts cannot be created"))
            let found = try await web.storage.read { try await $0.users.find(username: "frank") }
            #expect(found == nil)
        }
    }
}
