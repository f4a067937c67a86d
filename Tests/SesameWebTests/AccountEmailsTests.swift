import Foundation
import SesameAccounts
import SesameModel
import SesameWeb
import Testing

@Suite("Account email addresses")
struct AccountEmailsTests {
    @Test("signed out, the page sends the browser to the login page and back")
    func requiresSignIn() async throws {
        try await MailWebHarness.with { web in
            let response = try await web.browser.get("/account/emails")
            #expect(response.status == .seeOther)
            #expect(response.location == "/login?next=%2Faccount%2Femails")
        }
    }

    @Test("adding an address mails a code; once typed the address is listed as verified")
    func addAddress() async throws {
        try await MailWebHarness.with { web in
            let alice = try await web.user("alice")
            try await web.signIn("alice")
            let page = try await web.browser.get("/account/emails")
            #expect(page.body.contains("alice@example.com"))
            let added = try await web.browser.post("/account/emails", ["csrf": try #require(page.csrf), "email": "work@example.org"])
            #expect(added.status == .seeOther)
            let path = try #require(added.location)
            let code = try #require(web.mailer.lastCode(to: "work@example.org"))
            #expect(web.mailer.mails.last?.text.contains("adding this email address") == true)
            let verified = try await web.browser.post(path, ["csrf": try await web.csrf(at: path), "code": code])
            #expect(verified.location == "/account/emails?added=1")
            let list = try await web.browser.get("/account/emails?added=1")
            #expect(list.body.contains("work@example.org"))
            #expect(list.body.contains("The address was verified and added"))
            let emails = try await web.storage.read { try await $0.emails.list(for: alice.id) }
            #expect(emails.first { $0.email == "work@example.org" }?.confirmedAt != nil)
        }
    }

    @Test("half an hour after the password was typed, adding an address asks for it again and mails nothing")
    func staleSignInAsksAgain() async throws {
        try await MailWebHarness.with { web in
            try await web.user("alice")
            try await web.signIn("alice")
            let page = try await web.browser.get("/account/emails")
            web.clock.advance(by: 31 * 60)
            let mailsBefore = web.mailer.mails.count
            let response = try await web.browser.post("/account/emails", ["csrf": try #require(page.csrf), "email": "late@example.org"])
            #expect(response.status == .seeOther)
            #expect(response.location?.hasPrefix("/login?next=%2Faccount%2Femails") == true)
            #expect(web.mailer.mails.count == mailsBefore)
        }
    }

    @Test("another user cannot type the code for someone else's address")
    func otherUsersVerification() async throws {
        try await MailWebHarness.with { web in
            try await web.user("alice")
            try await web.user("bob")
            try await web.signIn("alice")
            let added = try await web.browser.post("/account/emails", ["csrf": try await web.csrf(at: "/account/emails"), "email": "new@example.org"])
            let path = try #require(added.location)
            let code = try #require(web.mailer.lastCode(to: "new@example.org"))
            let bobsBrowser = Browser(client: web.browser.client)
            try await web.signIn("bob", browser: bobsBrowser)
            let page = try await bobsBrowser.get(path)
            #expect(page.status == .notFound)
            let bobLogin = try await bobsBrowser.get("/login")
            let attempt = try await bobsBrowser.post(path, ["csrf": try #require(bobLogin.csrf), "code": code])
            #expect(attempt.status == .notFound)
        }
    }

    @Test("removing an address takes a POST with the CSRF field; someone else's address is not found")
    func removeAddress() async throws {
        try await MailWebHarness.with { web in
            let alice = try await web.user("alice")
            let bob = try await web.user("bob")
            try await web.signIn("alice")
            let aliceEmail = try #require(try await web.storage.read { try await $0.emails.list(for: alice.id) }.first)
            let bobEmail = try #require(try await web.storage.read { try await $0.emails.list(for: bob.id) }.first)
            let page = try await web.browser.get("/account/emails")
            #expect(page.body.contains("action=\"/account/emails/\(aliceEmail.id)/remove\""))
            let forged = try await web.browser.post("/account/emails/\(aliceEmail.id)/remove", [:])
            #expect(forged.status == .forbidden)
            let notMine = try await web.browser.post("/account/emails/\(bobEmail.id)/remove", ["csrf": try #require(page.csrf)])
            #expect(notMine.status == .notFound)
            let removed = try await web.browser.post("/account/emails/\(aliceEmail.id)/remove", ["csrf": try #require(page.csrf)])
            #expect(removed.status == .seeOther)
            #expect(try await web.storage.read { try await $0.emails.list(for: alice.id) }.isEmpty)
            #expect(try await web.storage.read { try await $0.emails.list(for: bob.id) }.count == 1)
        }
    }

    @Test("with email changes not allowed there is no form and a POST is refused")
    func changesNotAllowed() async throws {
        try await MailWebHarness.with(email: EmailPageOptions(emailChangeAllowed: false)) { web in
            try await web.user("alice")
            try await web.signIn("alice")
            let page = try await web.browser.get("/account/emails")
            #expect(!page.body.contains("name=\"email\""))
            let refused = try await web.browser.post("/account/emails", ["csrf": try #require(page.csrf), "email": "x@example.org"])
            #expect(refused.status == .forbidden)
            #expect(web.mailer.mails.isEmpty)
        }
    }
}
