import Foundation
import SesameAccounts
import SesameModel
import SesameWeb
import Testing

@Suite("Password recovery")
struct PasswordRecoveryTests {
    @Test("the link from the mail sets a new password: the new one signs in, the old one is refused, the link dies")
    func recover() async throws {
        try await MailWebHarness.with { web in
            try await web.user("alice")
            let asked = try await web.browser.post("/recover", ["csrf": try await web.csrf(at: "/recover"), "email": "Alice@Example.com"])
            #expect(asked.status == .ok)
            #expect(asked.body.contains("If an account uses Alice@Example.com, we sent it a link"))
            let path = try #require(try await web.mailer.recoveryPath(to: "Alice@Example.com"))

            let form = try await web.browser.get(path)
            #expect(form.body.contains("Choose a new password for alice"))
            let done = try await web.browser.post(path, [
                "csrf": try #require(form.csrf), "password": "a brand new passphrase", "password_confirm": "a brand new passphrase",
            ])
            #expect(done.status == .ok)
            #expect(done.body.contains("Your password was changed"))

            #expect(try await web.signIn("alice", password: "correct horse battery").status == .badRequest)
            #expect(try await web.signIn("alice", password: "a brand new passphrase").status == .seeOther)
            let reused = try await web.browser.get(path)
            #expect(reused.status == .gone)
            #expect(reused.body.contains("This link was already used"))
        }
    }

    @Test("the login page links to recovery when it is enabled")
    func loginLink() async throws {
        try await MailWebHarness.with { web in
            let login = try await web.browser.get("/login")
            #expect(login.body.contains("<a href=\"/recover\">Forgot password?</a>"))
            let form = try await web.browser.get("/recover")
            #expect(form.body.contains("name=\"email\""))
        }
    }

    @Test("an address nobody has gets the same answer and no mail")
    func noEnumeration() async throws {
        try await MailWebHarness.with { web in
            try await web.user("alice")
            let csrf = try await web.csrf(at: "/recover")
            let known = try await web.browser.post("/recover", ["csrf": csrf, "email": "alice@example.com"])
            let unknown = try await web.browser.post("/recover", ["csrf": csrf, "email": "nobody@example.com"])
            #expect(known.status == unknown.status)
            #expect(known.body.replacingOccurrences(of: "alice@example.com", with: "X") == unknown.body.replacingOccurrences(of: "nobody@example.com", with: "X"))
            #expect(try await web.mailer.recoveryPath(to: "alice@example.com") != nil)
            #expect(web.mailer.mails.map(\.to) == ["alice@example.com"])
        }
    }

    @Test("a link used after an hour has expired and says so; a made-up link is not valid")
    func expiredAndUnknown() async throws {
        try await MailWebHarness.with { web in
            try await web.user("alice")
            _ = try await web.browser.post("/recover", ["csrf": try await web.csrf(at: "/recover"), "email": "alice@example.com"])
            let path = try #require(try await web.mailer.recoveryPath(to: "alice@example.com"))
            web.clock.advance(by: PasswordRecoveryTicket.lifetime + 1)
            let expired = try await web.browser.get(path)
            #expect(expired.status == .gone)
            #expect(expired.body.contains("This link has expired"))
            let madeUp = try await web.browser.get("/recover/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
            #expect(madeUp.status == .notFound)
            #expect(madeUp.body.contains("This link is not valid"))
        }
    }

    @Test("resetting the password ends the user's browser sessions elsewhere")
    func endsOtherSessions() async throws {
        try await MailWebHarness.with { web in
            let alice = try await web.user("alice")
            let laptop = Browser(client: web.browser.client)
            #expect(try await web.signIn("alice", browser: laptop).status == .seeOther)
            _ = try await web.browser.post("/recover", ["csrf": try await web.csrf(at: "/recover"), "email": "alice@example.com"])
            let path = try #require(try await web.mailer.recoveryPath(to: "alice@example.com"))
            _ = try await web.browser.post(path, ["csrf": try await web.csrf(at: path), "password": "a brand new passphrase", "password_confirm": "a brand new passphrase"])
            let active = try await web.storage.read { try await $0.browserSessions.list(for: alice.id, activeOnly: true) }
            #expect(active.isEmpty)
            let laptopPage = try await laptop.get("/login")
            #expect(!laptopPage.body.contains("You are signed in"))
        }
    }

    @Test("a weak new password is refused on the page and the link still works")
    func weakPassword() async throws {
        try await MailWebHarness.with { web in
            try await web.user("alice")
            _ = try await web.browser.post("/recover", ["csrf": try await web.csrf(at: "/recover"), "email": "alice@example.com"])
            let path = try #require(try await web.mailer.recoveryPath(to: "alice@example.com"))
            let csrf = try await web.csrf(at: path)
            let weak = try await web.browser.post(path, ["csrf": csrf, "password": "password1", "password_confirm": "password1"])
            #expect(weak.status == .badRequest)
            #expect(weak.body.contains("That password is too common"))
            #expect(try await web.browser.get(path).status == .ok)
        }
    }

    @Test("with recovery disabled the pages say so and no mail is sent")
    func disabled() async throws {
        try await MailWebHarness.with(email: EmailPageOptions(passwordRecoveryEnabled: false)) { web in
            try await web.user("alice")
            let page = try await web.browser.get("/recover")
            #expect(page.body.contains("Password recovery is not available"))
            let login = try await web.browser.get("/login")
            #expect(!login.body.contains("href=\"/recover\""))
            _ = try await web.browser.post("/recover", ["csrf": try #require(login.csrf), "email": "alice@example.com"])
            #expect(web.mailer.mails.isEmpty)
        }
    }

    @Test("a recovery request without the CSRF field is refused")
    func csrfRequired() async throws {
        try await MailWebHarness.with { web in
            try await web.user("alice")
            _ = try await web.browser.get("/recover")
            let response = try await web.browser.post("/recover", ["email": "alice@example.com"])
            #expect(response.status == .forbidden)
            #expect(web.mailer.mails.isEmpty)
        }
    }
}
