import Foundation
import SesameCrypto
import SesameModel
import SesameOAuth
import Testing

@Suite("Authorization code flow through the pages")
struct AuthorizationFlowTests {
    /// Walks a signed-out browser from `/authorize` to the consent page, signing in on the way.
    /// Returns the consent page.
    private func reachConsent(_ web: WebHarness, query: String) async throws -> WebResponse {
        let authorize = try await web.browser.get(query)
        #expect(authorize.status == .seeOther)
        let consentPath = try #require(authorize.location)
        #expect(consentPath.hasPrefix("/consent/"))

        let gate = try await web.browser.get(consentPath)
        #expect(gate.status == .seeOther)
        let loginPath = try #require(gate.location)
        #expect(loginPath.hasPrefix("/login?next="))

        let login = try await web.browser.get(loginPath)
        #expect(login.status == .ok)
        let signedIn = try await web.browser.post("/login", [
            "csrf": try #require(login.csrf), "next": try #require(login.hiddenField("next")),
            "username": "alice", "password": "correct horse battery",
        ])
        #expect(signedIn.status == .seeOther)
        #expect(signedIn.location == consentPath)
        return try await web.browser.get(consentPath)
    }

    private func approve(_ web: WebHarness, consent: WebResponse, path: String) async throws -> WebResponse {
        try await web.browser.post(path, ["csrf": try #require(consent.csrf), "action": "approve"])
    }

    @Test("an id_token_hint naming alice while bob is signed in ends at the client with login_required, no code")
    func idTokenHintForSomeoneElse() async throws {
        try await WebHarness.with { web in
            try await web.user("alice")
            try await web.user("bob")
            let client = try await web.client()
            // Alice's ID token, from a real flow.
            let consent = try await reachConsent(web, query: authorizeQuery(client: client))
            let answer = try await approve(web, consent: consent, path: try #require(consentAction(consent)))
            let code = try #require(answer.locationParameters()["code"])
            let tokens = try await TokenEndpoint(services: web.services).handle(
                form: FormParameters([
                    "grant_type": "authorization_code", "code": code, "redirect_uri": try #require(client.redirectURIs.first),
                    "code_verifier": TestPKCE.verifier,
                ]),
                credentials: .none(clientID: client.id.description)
            ).get()
            let aliceIDToken = try #require(tokens.idToken)

            // Bob signs in on this browser; the client hints at alice.
            let logout = try await web.browser.get("/logout")
            _ = try await web.browser.post("/logout", ["csrf": try #require(logout.csrf)])
            try await web.signIn("bob")
            let authorize = try await web.browser.get(authorizeQuery(client: client, ["id_token_hint": aliceIDToken]))
            let consentPath = try #require(authorize.location)
            let refused = try await web.browser.get(consentPath)
            #expect(refused.status == .seeOther)
            let parameters = refused.locationParameters()
            #expect(try #require(refused.location).hasPrefix("https://app.example.com/callback?"))
            #expect(parameters["error"] == "login_required")
            #expect(parameters["code"] == nil)
            #expect(parameters["state"] == "xyz-state")

            // Alice herself, hinted at, gets her code as usual.
            let again = try await web.browser.get("/logout")
            _ = try await web.browser.post("/logout", ["csrf": try #require(again.csrf)])
            try await web.signIn("alice")
            let hinted = try await web.browser.get(authorizeQuery(client: client, ["id_token_hint": aliceIDToken]))
            let ok = try await web.browser.get(try #require(hinted.location))
            #expect(ok.locationParameters()["code"] != nil)
        }
    }

    @Test("a signed-out user signs in, approves, and the client gets code, state and iss")
    func fullFlow() async throws {
        try await WebHarness.with { web in
            let user = try await web.user()
            let client = try await web.client()
            let page = try await reachConsent(web, query: authorizeQuery(client: client))
            let consentPath = try #require(consentAction(page))
            let grantID = try #require(AuthorizationGrantID(consentPath.dropFirst("/consent/".count)))
            #expect(page.status == .ok)
            #expect(page.body.contains("Example App wants to:"))
            #expect(page.body.contains("Sign you in"))
            #expect(page.body.contains("Access your Matrix account"))
            #expect(page.body.contains("https://app.example.com/tos"))

            let answer = try await approve(web, consent: page, path: consentPath)
            #expect(answer.status == .seeOther)
            let location = try #require(answer.location)
            #expect(location.hasPrefix("https://app.example.com/callback?"))
            let parameters = answer.locationParameters()
            let code = try #require(parameters["code"])
            #expect(parameters["state"] == "xyz-state")
            #expect(parameters["iss"] == web.issuer)

            let grant = try #require(try await web.grant(grantID))
            guard case .fulfilled(let sessionID, _) = grant.status else {
                Issue.record("the grant is \(grant.status), not fulfilled")
                return
            }
            let byCode = try await web.storage.read { try await $0.authorizationGrants.find(codeHash: TokenHash(of: code).hex) }
            #expect(byCode?.id == grantID)
            let session = try #require(try await web.storage.read { try await $0.oauthSessions.find(id: sessionID) })
            #expect(session.userID == user.id)
            #expect(session.clientID == client.id)
            #expect(session.browserSessionID != nil)
            let consented = try await web.storage.read { try await $0.consents.grantedScope(userID: user.id, clientID: client.id) }
            #expect(consented.contains(.openID))
        }
    }

    @Test("response_mode=fragment puts the answer in the fragment")
    func fragmentMode() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let client = try await web.client()
            let consent = try await reachConsent(web, query: authorizeQuery(client: client, ["response_mode": "fragment"]))
            let consentPath = try #require(consentAction(consent))
            let answer = try await approve(web, consent: consent, path: consentPath)
            let location = try #require(answer.location)
            #expect(location.hasPrefix("https://app.example.com/callback#code="))
            #expect(answer.locationParameters()["iss"] == web.issuer)
            #expect(answer.locationParameters()["state"] == "xyz-state")
        }
    }

    @Test("response_mode=form_post answers with a page that posts to the client, allowed by the CSP")
    func formPostMode() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let client = try await web.client()
            let consent = try await reachConsent(web, query: authorizeQuery(client: client, ["response_mode": "form_post"]))
            let answer = try await approve(web, consent: consent, path: try #require(consentAction(consent)))
            #expect(answer.status == .ok)
            #expect(answer.location == nil)
            #expect(answer.body.contains(#"action="https://app.example.com/callback""#))
            #expect(answer.hiddenField("code")?.count == AuthorizationCode.length)
            #expect(answer.hiddenField("state") == "xyz-state")
            #expect(answer.hiddenField("iss") == web.issuer)
            let csp = try #require(answer.header("Content-Security-Policy"))
            #expect(csp.contains("form-action 'self' https://app.example.com"))
            let nonce = try #require(csp.firstMatch(of: /script-src 'nonce-([^']+)'/)).1
            #expect(answer.body.contains("<script nonce=\"\(nonce)\">"))
            #expect(answer.body.contains("<noscript>"))
        }
    }

    @Test("the out-of-band redirect URI shows the code to copy")
    func outOfBand() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let client = try await web.client(redirectURIs: [RedirectURIMatcher.outOfBand])
            let consent = try await reachConsent(web, query: authorizeQuery(client: client))
            let consentPath = try #require(consentAction(consent))
            let answer = try await approve(web, consent: consent, path: consentPath)
            #expect(answer.status == .ok)
            #expect(answer.location == nil)
            let match = try #require(answer.body.firstMatch(of: /<output class="code">([A-Za-z0-9]+)<\/output>/))
            let code = String(match.1)
            let grant = try await web.storage.read { try await $0.authorizationGrants.find(codeHash: TokenHash(of: code).hex) }
            #expect(grant?.id.description == consentPath.dropFirst("/consent/".count).description)
        }
    }

    @Test("refusing sends access_denied to the client")
    func deny() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let client = try await web.client()
            let consent = try await reachConsent(web, query: authorizeQuery(client: client))
            let answer = try await web.browser.post(try #require(consentAction(consent)), ["csrf": try #require(consent.csrf), "action": "deny"])
            #expect(answer.status == .seeOther)
            #expect(answer.locationParameters()["error"] == "access_denied")
            #expect(answer.locationParameters()["iss"] == web.issuer)
        }
    }

    @Test("a consent POST without the CSRF field is refused with 403")
    func consentWithoutCSRF() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let client = try await web.client()
            let consent = try await reachConsent(web, query: authorizeQuery(client: client))
            let path = try #require(consentAction(consent))
            let forged = try await web.browser.post(path, ["action": "approve"])
            #expect(forged.status == .forbidden)
            #expect(forged.body.contains("This form has expired; go back and try again"))
            let wrong = try await web.browser.post(path, ["action": "approve", "csrf": "not-the-secret"])
            #expect(wrong.status == .forbidden)
            let grantID = try #require(AuthorizationGrantID(path.dropFirst("/consent/".count)))
            let grant = try #require(try await web.grant(grantID))
            #expect(grant.status == .pending)
        }
    }

    @Test("after consenting once, the next authorization goes straight back to the client")
    func rememberedConsent() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let client = try await web.client()
            let consent = try await reachConsent(web, query: authorizeQuery(client: client))
            _ = try await approve(web, consent: consent, path: try #require(consentAction(consent)))

            let again = try await web.browser.get(authorizeQuery(client: client))
            let skipped = try await web.browser.get(try #require(again.location))
            #expect(skipped.status == .seeOther)
            #expect(skipped.locationParameters()["code"] != nil)
        }
    }

    @Test("prompt=consent shows the consent page even after earlier consent")
    func promptConsent() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let client = try await web.client()
            let consent = try await reachConsent(web, query: authorizeQuery(client: client))
            _ = try await approve(web, consent: consent, path: try #require(consentAction(consent)))

            let again = try await web.browser.get(authorizeQuery(client: client, ["prompt": "consent"]))
            let page = try await web.browser.get(try #require(again.location))
            #expect(page.status == .ok)
            #expect(page.body.contains("wants to:"))
        }
    }

    @Test("max_age older than the last sign-in sends the user to sign in again first")
    func maxAgeForcesLogin() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let client = try await web.client()
            try await web.signIn()
            web.clock.advance(by: 3600)

            let authorize = try await web.browser.get(authorizeQuery(client: client, ["max_age": "60"]))
            let consentPath = try #require(authorize.location)
            let gate = try await web.browser.get(consentPath)
            #expect(gate.status == .seeOther)
            let loginPath = try #require(gate.location)
            #expect(loginPath.hasPrefix("/login?next="))

            let login = try await web.browser.get(loginPath)
            #expect(login.body.contains("Sign in again to confirm"))
            let relogin = try await web.browser.post("/login", [
                "csrf": try #require(login.csrf), "next": consentPath, "username": "alice", "password": "correct horse battery",
            ])
            #expect(relogin.location == consentPath)
            let page = try await web.browser.get(consentPath)
            #expect(page.status == .ok)
            #expect(page.body.contains("wants to:"))
        }
    }

    @Test("prompt=login asks a signed-in user to sign in again")
    func promptLogin() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let client = try await web.client()
            try await web.signIn()
            let authorize = try await web.browser.get(authorizeQuery(client: client, ["prompt": "login"]))
            let gate = try await web.browser.get(try #require(authorize.location))
            #expect(gate.location?.hasPrefix("/login?next=") == true)
        }
    }

    @Test("an admin scope asked for a user who may not have it ends in access_denied")
    func adminScopeRefused() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let client = try await web.client()
            let consent = try await reachConsent(web, query: authorizeQuery(client: client, ["scope": "openid urn:synapse:admin:*"]))
            #expect(consent.body.contains("Act as a server administrator"))
            let answer = try await approve(web, consent: consent, path: try #require(consentAction(consent)))
            #expect(answer.locationParameters()["error"] == "access_denied")
        }
    }

    @Test("prompt=create sends the browser to the registration page first")
    func promptCreate() async throws {
        try await WebHarness.with { web in
            let client = try await web.client()
            let authorize = try await web.browser.get(authorizeQuery(client: client, ["prompt": "create"]))
            let location = try #require(authorize.location)
            #expect(location.hasPrefix("/register?next=%2Fconsent%2F"))
            let page = try await web.browser.get(location)
            let registered = try await web.browser.post("/register", [
                "csrf": try #require(page.csrf), "next": try #require(page.hiddenField("next")),
                "username": "bob", "password": "hunter2 hunter2", "password_confirm": "hunter2 hunter2",
            ])
            #expect(registered.status == .seeOther)
            let consent = try await web.browser.get(try #require(registered.location))
            #expect(consent.status == .ok)
            #expect(consent.body.contains("Signed in as bob"))
        }
    }
}

/// The consent form's action path.
func consentAction(_ page: WebResponse) -> String? {
    guard let match = page.body.firstMatch(of: /<form method="post" action="(\/consent\/[^"]+)"/) else { return nil }
    return String(match.1)
}
