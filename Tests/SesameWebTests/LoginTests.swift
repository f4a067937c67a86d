import Foundation
import SesameModel
import SesameWeb
import Testing

@Suite("Signing in and out")
struct LoginTests {
    @Test("a successful login sets a sealed, HttpOnly, SameSite=Lax, Secure session cookie")
    func cookieAttributes() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let page = try await web.browser.get("/login")
            let response = try await web.browser.post("/login", ["csrf": try #require(page.csrf), "username": "alice", "password": "correct horse battery"])
            #expect(response.status == .seeOther)
            let cookie = try #require(response.setCookies.first { $0.hasPrefix("sesame_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Secure"))
            #expect(cookie.contains("Path=/"))
            #expect(!cookie.contains("alice"))
        }
    }

    @Test("without https the cookie is not marked Secure")
    func insecureCookie() async throws {
        try await WebHarness.with(options: WebOptions(publicBase: "http://localhost:8080/")) { web in
            let page = try await web.browser.get("/login")
            let cookie = try #require(page.setCookies.first { $0.hasPrefix("sesame_session=") })
            #expect(!cookie.contains("Secure"))
        }
    }

    @Test("a wrong password and an unknown user get the same answer")
    func noUserEnumeration() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let page = try await web.browser.get("/login")
            let csrf = try #require(page.csrf)
            let wrongPassword = try await web.browser.post("/login", ["csrf": csrf, "username": "alice", "password": "wrong"])
            let unknownUser = try await web.browser.post("/login", ["csrf": csrf, "username": "mallory", "password": "wrong"])
            #expect(wrongPassword.status == unknownUser.status)
            #expect(wrongPassword.status == .badRequest)
            #expect(wrongPassword.body.contains("Invalid username or password"))
            #expect(unknownUser.body.contains("Invalid username or password"))
            #expect(wrongPassword.body.replacingOccurrences(of: "alice", with: "X") == unknownUser.body.replacingOccurrences(of: "mallory", with: "X"))
        }
    }

    @Test("next must be a local path: other origins fall back to the start page")
    func openRedirectRefused() async throws {
        try await WebHarness.with { web in
            try await web.user()
            for next in ["//evil.example.net/", "https://evil.example.net/", "/\\evil.example.net", "javascript:alert(1)"] {
                let page = try await web.browser.get("/login?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
                #expect((page.hiddenField("next") ?? "") == "")
                let response = try await web.browser.post("/login", [
                    "csrf": try #require(page.csrf), "next": next, "username": "alice", "password": "correct horse battery",
                ])
                #expect(response.status == .seeOther)
                #expect(response.location == "/login")
            }
        }
    }

    @Test("a local next is followed after signing in")
    func localNext() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let page = try await web.browser.get("/login?next=%2Flink%3Fcode%3DABCD")
            #expect(page.hiddenField("next") == "/link?code=ABCD")
            let response = try await web.browser.post("/login", [
                "csrf": try #require(page.csrf), "next": "/link?code=ABCD", "username": "alice", "password": "correct horse battery",
            ])
            #expect(response.location == "/link?code=ABCD")
        }
    }

    @Test("a login POST without the CSRF field is refused with 403")
    func loginWithoutCSRF() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let response = try await web.browser.post("/login", ["username": "alice", "password": "correct horse battery"])
            #expect(response.status == .forbidden)
            #expect(response.body.contains("This form has expired; go back and try again"))
        }
    }

    @Test("login_hint in the Matrix form prefills the username")
    func loginHint() async throws {
        try await WebHarness.with { web in
            let page = try await web.browser.get("/login?login_hint=mxid%3A%40alice%3Aexample.com")
            #expect(page.body.contains(#"value="alice""#))
        }
    }

    @Test("a full Matrix ID works as the username")
    func matrixIDLogin() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let page = try await web.browser.get("/login")
            let response = try await web.browser.post("/login", ["csrf": try #require(page.csrf), "username": "@alice:example.com", "password": "correct horse battery"])
            #expect(response.status == .seeOther)
        }
    }

    @Test("a locked account is told so once the password is right")
    func lockedAccount() async throws {
        try await WebHarness.with { web in
            try await web.user()
            try await web.accounts.setLocked(username: "alice", true)
            let page = try await web.browser.get("/login")
            let response = try await web.browser.post("/login", ["csrf": try #require(page.csrf), "username": "alice", "password": "correct horse battery"])
            #expect(response.status == .forbidden)
            #expect(response.body.contains("This account is locked"))
            #expect(web.browser.cookie("sesame_session") != nil)
            let after = try await web.browser.get("/login")
            #expect(!after.body.contains("Signed in as"))
        }
    }

    @Test("with password login disabled the page says so")
    func loginDisabled() async throws {
        try await WebHarness.with(options: WebOptions(passwordLoginEnabled: false, secureCookies: true)) { web in
            let page = try await web.browser.get("/login")
            #expect(page.body.contains("Signing in with a password is turned off"))
            #expect(page.csrf == nil || !page.body.contains("name=\"password\""))
        }
    }

    @Test("a tampered cookie counts as signed out")
    func tamperedCookie() async throws {
        try await WebHarness.with { web in
            try await web.user()
            try await web.signIn()
            let sealed = try #require(web.browser.cookie("sesame_session"))
            web.browser.setCookie("sesame_session", String(sealed.reversed()))
            let client = try await web.client()
            let authorize = try await web.browser.get(authorizeQuery(client: client))
            let gate = try await web.browser.get(try #require(authorize.location))
            #expect(gate.location?.hasPrefix("/login") == true)
        }
    }

    @Test("signing out finishes the browser session and clears the cookie")
    func logout() async throws {
        try await WebHarness.with { web in
            let user = try await web.user()
            try await web.signIn()
            let confirm = try await web.browser.get("/logout")
            #expect(confirm.status == .ok)
            let response = try await web.browser.post("/logout", ["csrf": try #require(confirm.csrf)])
            #expect(response.status == .seeOther)
            #expect(response.location == "/logout")
            #expect(response.setCookies.contains { $0.hasPrefix("sesame_session=;") && $0.contains("Max-Age=0") })
            let sessions = try await web.storage.read { try await $0.browserSessions.list(for: user.id, activeOnly: true) }
            #expect(sessions.isEmpty)
        }
    }

    @Test("a logout POST without CSRF is refused and the session survives")
    func logoutWithoutCSRF() async throws {
        try await WebHarness.with { web in
            let user = try await web.user()
            try await web.signIn()
            let response = try await web.browser.post("/logout", [:])
            #expect(response.status == .forbidden)
            let sessions = try await web.storage.read { try await $0.browserSessions.list(for: user.id, activeOnly: true) }
            #expect(sessions.count == 1)
        }
    }

    @Test("post_logout_redirect_uri is followed only when it is one of the named client's redirect URIs")
    func postLogoutRedirect() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let client = try await web.client()
            try await web.signIn()
            let good = "/logout?client_id=\(client.id)&post_logout_redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&state=s1"
            let confirm = try await web.browser.get(good)
            #expect(confirm.hiddenField("post_logout_redirect_uri") == "https://app.example.com/callback")
            let response = try await web.browser.post("/logout", [
                "csrf": try #require(confirm.csrf), "post_logout_redirect_uri": "https://app.example.com/callback",
                "client_id": client.id.description, "state": "s1",
            ])
            #expect(response.location == "https://app.example.com/callback?state=s1")

            try await web.signIn()
            let evil = "/logout?client_id=\(client.id)&post_logout_redirect_uri=https%3A%2F%2Fevil.example.net%2F"
            let page = try await web.browser.get(evil)
            #expect(page.hiddenField("post_logout_redirect_uri") == nil)
            let forged = try await web.browser.post("/logout", [
                "csrf": try #require(page.csrf), "post_logout_redirect_uri": "https://evil.example.net/", "client_id": client.id.description,
            ])
            #expect(forged.location == "/logout")
        }
    }
}
