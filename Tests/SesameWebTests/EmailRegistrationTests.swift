import Foundation
import SesameAccounts
import SesameModel
import SesameWeb
import Testing

@Suite("Registration with email verification")
struct EmailRegistrationTests {
    @Test("registering mails a code; typing it creates the user with the address confirmed, signed in, back to next")
    func registerAndVerify() async throws {
        try await MailWebHarness.with { web in
            let response = try await web.submitRegistration(["username": "carol", "email": "carol@example.org"], next: "/link")
            #expect(response.status == .seeOther)
            let verifyPath = try #require(response.location)
            #expect(verifyPath.hasPrefix("/verify-email/"))
            #expect(try await web.storage.read { try await $0.users.find(username: "carol") } == nil, "no account before the code")
            let mail = try #require(web.mailer.mails.last)
            #expect(mail.to == "carol@example.org")
            #expect(!mail.text.contains("long enough secret"))

            let page = try await web.browser.get(verifyPath)
            #expect(page.body.contains("We sent a 6-digit code to carol@example.org"))
            let code = try #require(web.mailer.lastCode(to: "carol@example.org"))
            let verified = try await web.browser.post(verifyPath, ["csrf": try #require(page.csrf), "code": code])
            #expect(verified.status == .seeOther)
            #expect(verified.location == "/link")

            let carol = try await web.accounts.requireUser("carol")
            let emails = try await web.storage.read { try await $0.emails.list(for: carol.id) }
            #expect(emails.map(\.email) == ["carol@example.org"])
            #expect(emails.first?.confirmedAt != nil)
            #expect(try await web.accounts.verifyPassword("long enough secret", for: carol))
            let signedIn = try await web.browser.get("/login")
            #expect(signedIn.body.contains("You are signed in as carol"))
        }
    }

    @Test("prompt=create: register, type the code, land on the consent page signed in, approve, back at the client with a code")
    func promptCreateContinues() async throws {
        try await MailWebHarness.with { web in
            let client = try await web.client()
            let authorize = try await web.browser.get(authorizeQuery(client: client, ["prompt": "create"]))
            let registerPath = try #require(authorize.location)
            #expect(registerPath.hasPrefix("/register?next=%2Fconsent%2F"))
            let form = try await web.browser.get(registerPath)
            let next = try #require(form.hiddenField("next"))
            let sent = try await web.browser.post("/register", [
                "csrf": try #require(form.csrf), "next": next, "username": "pia", "email": "pia@example.org",
                "password": "long enough secret", "password_confirm": "long enough secret",
            ])
            let verifyPath = try #require(sent.location)
            let verifyPage = try await web.browser.get(verifyPath)
            #expect(verifyPage.header("Content-Security-Policy")?.contains("form-action 'self' https://app.example.com") == true)
            let code = try #require(web.mailer.lastCode(to: "pia@example.org"))
            let verified = try await web.browser.post(verifyPath, ["csrf": try #require(verifyPage.csrf), "code": code])
            #expect(verified.location == next)
            let consent = try await web.browser.get(next)
            #expect(consent.body.contains("Signed in as pia"))
            let approved = try await web.browser.post(try #require(consentAction(consent)), ["csrf": try #require(consent.csrf), "action": "approve"])
            #expect(approved.location?.hasPrefix("https://app.example.com/callback?") == true)
            #expect(approved.locationParameters()["code"] != nil)
        }
    }

    @Test("a wrong code is answered on the page with the tries left; the right one still works after")
    func wrongCode() async throws {
        try await MailWebHarness.with { web in
            let path = try #require(try await web.submitRegistration(["username": "dan", "email": "dan@example.org"]).location)
            let code = try #require(web.mailer.lastCode(to: "dan@example.org"))
            let wrong = code == "000000" ? "111111" : "000000"
            let csrf = try await web.csrf(at: path)
            let refused = try await web.browser.post(path, ["csrf": csrf, "code": wrong])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("That code is not right. You can try 4 more times."))
            let accepted = try await web.browser.post(path, ["csrf": csrf, "code": code])
            #expect(accepted.status == .seeOther)
            #expect(try await web.storage.read { try await $0.users.find(username: "dan") } != nil)
        }
    }

    @Test("after five wrong codes even the right one is refused until a new code is sent; the old code then fails")
    func attemptLimitAndResend() async throws {
        try await MailWebHarness.with { web in
            let path = try #require(try await web.submitRegistration(["username": "erin", "email": "erin@example.org"]).location)
            let first = try #require(web.mailer.lastCode(to: "erin@example.org"))
            let wrong = first == "000000" ? "111111" : "000000"
            let csrf = try await web.csrf(at: path)
            for _ in 1...5 { _ = try await web.browser.post(path, ["csrf": csrf, "code": wrong]) }
            let locked = try await web.browser.post(path, ["csrf": csrf, "code": first])
            #expect(locked.status == .badRequest)
            #expect(locked.body.contains("Too many wrong codes"))

            let resent = try await web.browser.post(path + "/resend", ["csrf": csrf])
            #expect(resent.status == .seeOther)
            #expect(web.mailer.mails.count == 2)
            let second = try #require(web.mailer.lastCode(to: "erin@example.org"))
            let notice = try await web.browser.get(try #require(resent.location))
            #expect(notice.body.contains("We sent a new code"))
            if first != second {
                let old = try await web.browser.post(path, ["csrf": csrf, "code": first])
                #expect(old.body.contains("That code is not right"))
            }
            let done = try await web.browser.post(path, ["csrf": csrf, "code": second])
            #expect(done.status == .seeOther)
            #expect(try await web.storage.read { try await $0.users.find(username: "erin") } != nil)
        }
    }

    @Test("a code typed after ten minutes has expired and says so")
    func expiredCode() async throws {
        try await MailWebHarness.with { web in
            let path = try #require(try await web.submitRegistration(["username": "fay", "email": "fay@example.org"]).location)
            let code = try #require(web.mailer.lastCode(to: "fay@example.org"))
            let csrf = try await web.csrf(at: path)
            web.clock.advance(by: EmailVerification.lifetime + 1)
            let late = try await web.browser.post(path, ["csrf": csrf, "code": code])
            #expect(late.status == .badRequest)
            #expect(late.body.contains("This code has expired"))
            #expect(try await web.storage.read { try await $0.users.find(username: "fay") } == nil)
        }
    }

    @Test("a used code's page says it was used; an unknown verification is a 404 page, not a 500")
    func usedAndUnknown() async throws {
        try await MailWebHarness.with { web in
            let path = try #require(try await web.submitRegistration(["username": "gus", "email": "gus@example.org"]).location)
            let code = try #require(web.mailer.lastCode(to: "gus@example.org"))
            let csrf = try await web.csrf(at: path)
            _ = try await web.browser.post(path, ["csrf": csrf, "code": code])
            let again = try await web.browser.get(path)
            #expect(again.status == .gone)
            #expect(again.body.contains("This code was already used"))
            let unknown = try await web.browser.get("/verify-email/01ARZ3NDEKTSV4RRFFQ69G5FAV")
            #expect(unknown.status == .notFound)
            let garbage = try await web.browser.get("/verify-email/not-an-id")
            #expect(garbage.status == .notFound)
        }
    }

    @Test("a bad address, a short, a common or a username-based password are refused on the form")
    func formChecks() async throws {
        try await MailWebHarness.with { web in
            let badEmail = try await web.submitRegistration(["username": "hal", "email": "hal at example"])
            #expect(badEmail.status == .badRequest)
            #expect(badEmail.body.contains("Enter a valid email address."))
            let short = try await web.submitRegistration(["username": "hal", "email": "hal@example.org", "password": "Sh0rt!", "password_confirm": "Sh0rt!"])
            #expect(short.body.contains("at least 8 characters"))
            let common = try await web.submitRegistration(["username": "hal", "email": "hal@example.org", "password": "Password123!", "password_confirm": "Password123!"])
            #expect(common.body.contains("That password is too common"))
            let named = try await web.submitRegistration(["username": "halberd", "email": "hal@example.org", "password": "halberd-1987-x", "password_confirm": "halberd-1987-x"])
            #expect(named.body.contains("must not contain your username"))
            let weak = try await web.submitRegistration(["username": "hal", "email": "hal@example.org", "password": "abcdefgh", "password_confirm": "abcdefgh"])
            #expect(weak.body.contains("too easy to guess"))
            #expect(web.mailer.mails.isEmpty)
        }
    }

    @Test("a username whose Matrix ID would pass 255 bytes is refused")
    func tooLongForMatrix() async throws {
        try await MailWebHarness.with(email: EmailPageOptions()) { web in
            let name = String(repeating: "a", count: 250)
            let response = try await web.submitRegistration(["username": name])
            #expect(response.status == .badRequest)
            #expect(response.body.contains("longer than 255 bytes"))
            #expect(try await web.storage.read { try await $0.users.find(username: name) } == nil)
        }
    }

    @Test("a mail transport that fails is explained on the form and creates nothing")
    func transportDown() async throws {
        try await MailWebHarness.with { web in
            web.mailer.failFromNowOn()
            let response = try await web.submitRegistration(["username": "ike", "email": "ike@example.org"])
            #expect(response.status == .badRequest)
            #expect(response.body.contains("We could not send the verification email"))
            #expect(try await web.storage.read { try await $0.users.find(username: "ike") } == nil)
        }
    }

    @Test("with the email step off (no mail transport) the account is created at once, without an address field")
    func withoutEmail() async throws {
        try await MailWebHarness.with(email: EmailPageOptions(registrationEmailRequired: false)) { web in
            let form = try await web.browser.get("/register")
            #expect(!form.body.contains("name=\"email\""))
            let response = try await web.submitRegistration(["username": "jon"])
            #expect(response.status == .seeOther)
            #expect(try await web.storage.read { try await $0.users.find(username: "jon") } != nil)
            #expect(web.mailer.mails.isEmpty)
        }
    }

    @Test("with a terms-of-service link the box must be ticked")
    func termsOfService() async throws {
        try await MailWebHarness.with(email: EmailPageOptions(termsOfServiceURI: "https://example.org/tos")) { web in
            let form = try await web.browser.get("/register")
            #expect(form.body.contains("href=\"https://example.org/tos\""))
            let unticked = try await web.submitRegistration(["username": "kim"])
            #expect(unticked.status == .badRequest)
            #expect(unticked.body.contains("Accept the terms of service"))
            let ticked = try await web.submitRegistration(["username": "kim", "accept_terms": "on"])
            #expect(ticked.status == .seeOther)
        }
    }

    @Test("a required registration token must be valid; its use is counted and its limit holds")
    func registrationToken() async throws {
        try await MailWebHarness.with(email: EmailPageOptions(registrationTokenRequired: true)) { web in
            let now = web.clock.now()
            let token = RegistrationToken(id: RegistrationTokenID(date: now), token: "invite-1", usageLimit: 1, createdAt: now)
            try await web.storage.transaction { try await $0.registrationTokens.add(token) }
            let missing = try await web.submitRegistration(["username": "lea"])
            #expect(missing.body.contains("That registration token is not valid"))
            let wrong = try await web.submitRegistration(["username": "lea", "registration_token": "invite-2"])
            #expect(wrong.body.contains("That registration token is not valid"))
            let right = try await web.submitRegistration(["username": "lea", "registration_token": "invite-1"])
            #expect(right.status == .seeOther)
            #expect(try await web.storage.read { try await $0.registrationTokens.find(id: token.id) }?.timesUsed == 1)
            _ = try await web.browser.post("/logout", ["csrf": try await web.csrf(at: "/logout")])
            let usedUp = try await web.submitRegistration(["username": "max", "registration_token": "invite-1"])
            #expect(usedUp.status == .badRequest)
            #expect(try await web.storage.read { try await $0.users.find(username: "max") } == nil)
        }
    }

    @Test("a token is counted only when the verified registration creates the account")
    func registrationTokenWithEmail() async throws {
        try await MailWebHarness.with(email: EmailPageOptions(registrationEmailRequired: true, registrationTokenRequired: true)) { web in
            let now = web.clock.now()
            let token = RegistrationToken(id: RegistrationTokenID(date: now), token: "invite-9", createdAt: now)
            try await web.storage.transaction { try await $0.registrationTokens.add(token) }
            let path = try #require(try await web.submitRegistration(["username": "ned", "email": "ned@example.org", "registration_token": "invite-9"]).location)
            #expect(try await web.storage.read { try await $0.registrationTokens.find(id: token.id) }?.timesUsed == 0)
            let code = try #require(web.mailer.lastCode(to: "ned@example.org"))
            _ = try await web.browser.post(path, ["csrf": try await web.csrf(at: path), "code": code])
            #expect(try await web.storage.read { try await $0.registrationTokens.find(id: token.id) }?.timesUsed == 1)
        }
    }

    @Test("too many codes to one address are refused with the rate-limit page")
    func emailRateLimit() async throws {
        let tight: @Sendable (any WallClock) -> RateLimits = { clock in
            let wide = RateLimitRule(burst: 1000, perSecond: 1000)
            return RateLimits(
                login: .masDefaults(clock: clock), registration: RateLimiter(rule: wide, clock: clock),
                accountRecovery: PairedRateLimiter(perIP: wide, perTarget: wide, clock: clock),
                emailAuthentication: PairedRateLimiter(perIP: wide, perTarget: RateLimitRule(burst: 2, perSecond: 1.0 / 3600), clock: clock)
            )
        }
        try await MailWebHarness.with(rateLimits: tight) { web in
            let path = try #require(try await web.submitRegistration(["username": "oli", "email": "oli@example.org"]).location)
            let csrf = try await web.csrf(at: path)
            #expect(try await web.browser.post(path + "/resend", ["csrf": csrf]).status == .seeOther)
            let limited = try await web.browser.post(path + "/resend", ["csrf": csrf])
            #expect(limited.status == .tooManyRequests)
            #expect(web.mailer.mails.count == 2)
        }
    }
}
