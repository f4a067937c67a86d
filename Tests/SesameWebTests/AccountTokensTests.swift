import Foundation
import SesameModel
import SesameWeb
import Testing

@Suite("Self-service personal access tokens")
struct AccountTokensTests {
    /// The `mpt_` token shown on a creation page.
    private func shownToken(_ body: String) throws -> String {
        let regex = try NSRegularExpression(pattern: #"id="token">(mpt_[A-Za-z0-9_]+)<"#)
        let match = try #require(regex.firstMatch(in: body, range: NSRange(body.startIndex..., in: body)))
        return String(body[try #require(Range(match.range(at: 1), in: body))])
    }

    @Test("a created token is shown once, works at introspection, and is listed without its value")
    func createAndUse() async throws {
        try await AccountWorld.with { world in
            try await world.signedInAlice()
            let response = try await world.browser.post("/account/tokens", [
                "csrf": try await world.csrf("/account/tokens"), "name": "backup bot", "scope": "matrix", "expiry": "7d",
            ])
            #expect(response.status == .ok)
            let token = try shownToken(response.body)
            #expect(try await world.isActive(token))
            let list = try await world.browser.get("/account/tokens")
            #expect(list.body.contains("backup bot"))
            #expect(!list.body.contains(token))
        }
    }

    @Test("half an hour after the password was typed, creating a token asks for it again first")
    func staleSignInAsksAgain() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let csrf = try await world.csrf("/account/tokens")
            world.clock.advance(by: 31 * 60)
            let response = try await world.browser.post("/account/tokens", ["csrf": csrf, "name": "late bot", "scope": "matrix", "expiry": "7d"])
            #expect(response.status == .seeOther)
            #expect(response.location?.hasPrefix("/login?next=%2Faccount%2Ftokens") == true)
            #expect(try await world.storage.read { try await $0.personalSessions.list(actor: alice.id) }.isEmpty)
            // Typing the password again makes the same request work.
            let login = try await world.browser.get(try #require(response.location))
            _ = try await world.browser.post("/login", [
                "csrf": try #require(login.csrf), "next": try #require(login.hiddenField("next")),
                "username": "alice", "password": "correct horse battery",
            ])
            let created = try await world.browser.post("/account/tokens", [
                "csrf": try await world.csrf("/account/tokens"), "name": "late bot", "scope": "matrix", "expiry": "7d",
            ])
            #expect(created.status == .ok)
            #expect(try await world.storage.read { try await $0.personalSessions.list(actor: alice.id) }.count == 1)
        }
    }

    @Test("revoking a token makes it inactive")
    func revoke() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let created = try await world.browser.post("/account/tokens", [
                "csrf": try await world.csrf("/account/tokens"), "name": "nightly-export", "scope": "matrix", "expiry": "never",
            ])
            let token = try shownToken(created.body)
            let session = try #require(try await world.storage.read { try await $0.personalSessions.list(actor: alice.id) }.first)
            let response = try await world.browser.post("/account/tokens/\(session.id)/revoke", ["csrf": try await world.csrf("/account/tokens")])
            #expect(response.status == .seeOther)
            #expect(try await !world.isActive(token))
            #expect(try await !world.browser.get("/account/tokens").body.contains("nightly-export"))
        }
    }

    @Test("an admin scope is refused for a user who may not request it, and not offered")
    func adminScopeRefused() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            #expect(try await !world.browser.get("/account/tokens").body.contains("value=\"matrix_admin\""))
            let response = try await world.browser.post("/account/tokens", [
                "csrf": try await world.csrf("/account/tokens"), "name": "sneaky", "scope": "matrix_admin", "expiry": "1d",
            ])
            #expect(response.status == .badRequest)
            #expect(try await world.storage.read { try await $0.personalSessions.list(actor: alice.id) }.isEmpty)
        }
    }

    @Test("a user who may request admin scopes can make an admin token")
    func adminScopeAllowed() async throws {
        try await AccountWorld.with { world in
            try await world.signedInAlice(admin: true)
            let response = try await world.browser.post("/account/tokens", [
                "csrf": try await world.csrf("/account/tokens"), "name": "admin bot", "scope": "matrix_admin", "expiry": "1d",
            ])
            #expect(response.status == .ok)
            #expect(try shownToken(response.body).hasPrefix("mpt_"))
        }
    }

    @Test("a scope or expiry outside the offered lists, or an empty name, is answered on the page")
    func invalidChoices() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let csrf = try await world.csrf("/account/tokens")
            for fields in [
                ["name": "x", "scope": "urn:synapse:admin:*", "expiry": "1d"],
                ["name": "x", "scope": "matrix", "expiry": "forever"],
                ["name": "   ", "scope": "matrix", "expiry": "1d"],
            ] {
                let response = try await world.browser.post("/account/tokens", fields.merging(["csrf": csrf]) { first, _ in first })
                #expect(response.status == .badRequest, "\(fields)")
            }
            #expect(try await world.storage.read { try await $0.personalSessions.list(actor: alice.id) }.isEmpty)
        }
    }

    @Test("creating or revoking without the CSRF token is refused")
    func needsCSRF() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let create = try await world.browser.post("/account/tokens", ["name": "x", "scope": "matrix", "expiry": "1d"])
            #expect(create.status == .forbidden)
            #expect(try await world.storage.read { try await $0.personalSessions.list(actor: alice.id) }.isEmpty)
        }
    }

    @Test("someone else's token cannot be revoked")
    func wrongOwner() async throws {
        try await AccountWorld.with { world in
            try await world.user("bob")
            try await world.signIn("bob")
            let created = try await world.browser.post("/account/tokens", [
                "csrf": try await world.csrf("/account/tokens"), "name": "bob's bot", "scope": "matrix", "expiry": "1d",
            ])
            let token = try shownToken(created.body)
            let bob = try await world.accounts.requireUser("bob")
            let session = try #require(try await world.storage.read { try await $0.personalSessions.list(actor: bob.id) }.first)

            let logout = try await world.browser.get("/account/")
            _ = try await world.browser.post("/logout", ["csrf": try #require(logout.csrf)])
            try await world.signedInAlice()
            let response = try await world.browser.post("/account/tokens/\(session.id)/revoke", ["csrf": try await world.csrf("/account/tokens")])
            #expect(response.status == .notFound)
            #expect(try await world.isActive(token))
        }
    }
}
