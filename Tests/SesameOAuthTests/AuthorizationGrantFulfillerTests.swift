import Foundation
import SesameCrypto
import SesameModel
import SesameOAuth
import Testing

@Suite("Approving authorization grants")
struct AuthorizationGrantFulfillerTests {
    private static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"

    private func request(_ client: OAuthClient, scope: Scope = ["openid", MatrixScope.api], prompt: Set<AuthorizationPrompt> = [], maxAge: Int? = nil, expectedSubject: String? = nil) -> ValidatedAuthorizationRequest {
        ValidatedAuthorizationRequest(
            client: client, target: AuthorizationResponseTarget(redirectURI: client.redirectURIs[0], state: "st"), scope: scope,
            nonce: "n", pkce: PKCEChallenge(challenge: PKCE.challenge(for: Self.verifier)), prompt: prompt, maxAge: maxAge,
            expectedSubject: expectedSubject
        )
    }

    private func pendingGrant(_ h: OAuthHarness, _ request: ValidatedAuthorizationRequest) async throws -> AuthorizationGrant {
        let grant = request.makeGrant(id: AuthorizationGrantID(date: h.clock.now()), at: h.clock.now())
        try await h.storage.transaction { try await $0.authorizationGrants.add(grant, codeHash: nil) }
        return grant
    }

    @Test("approval creates the session, records consent and stores only the code's hash", arguments: TestBackend.available)
    func approve(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let user = try await h.user()
            let client = try await h.client()
            let browser = try await h.browserSession(for: user)
            let grant = try await pendingGrant(h, request(client, scope: ["openid", MatrixScope.api, "urn:matrix:client:device:PHONE"]))

            let response = try await AuthorizationGrantFulfiller(services: h.services).approve(grantID: grant.id, user: user, browserSessionID: browser.id)
            let code = try #require(response.value(of: "code"))
            #expect(code.count >= 32)
            #expect(response.value(of: "state") == "st")
            #expect(response.value(of: "iss") == h.settings.issuer)

            let stored = try #require(try await h.storage.read { try await $0.authorizationGrants.find(codeHash: TokenHash(of: code).hex) })
            guard case .fulfilled(let sessionID, _) = stored.status else {
                Issue.record("grant not fulfilled: \(stored.status)")
                return
            }
            let session = try #require(try await h.storage.read { try await $0.oauthSessions.find(id: sessionID) })
            #expect(session.userID == user.id)
            #expect(session.browserSessionID == browser.id)
            #expect(session.scope == grant.scope)
            let consented = try await h.storage.read { try await $0.consents.grantedScope(userID: user.id, clientID: client.id) }
            // The device scope names a device, not a permission: it is not remembered as consent.
            #expect(consented == ["openid", MatrixScope.api])
        }
    }

    @Test("the code the fulfiller mints is accepted by the token endpoint", arguments: TestBackend.available)
    func codeExchanges(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let user = try await h.user()
            let client = try await h.client()
            let browser = try await h.browserSession(for: user)
            let grant = try await pendingGrant(h, request(client))
            let response = try await AuthorizationGrantFulfiller(services: h.services).approve(grantID: grant.id, user: user, browserSessionID: browser.id)
            let form = FormParameters([
                "grant_type": "authorization_code", "code": try #require(response.value(of: "code")),
                "redirect_uri": client.redirectURIs[0], "code_verifier": Self.verifier,
            ])
            let result = await TokenEndpoint(services: h.services).handle(form: form, credentials: .none(clientID: client.id.description))
            guard case .success = result else {
                Issue.record("the token endpoint refused the code: \(result)")
                return
            }
        }
    }

    @Test("a grant is answered once: approving twice fails without a second session", arguments: TestBackend.available)
    func approveOnce(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let user = try await h.user()
            let client = try await h.client()
            let browser = try await h.browserSession(for: user)
            let grant = try await pendingGrant(h, request(client))
            let fulfiller = AuthorizationGrantFulfiller(services: h.services)
            _ = try await fulfiller.approve(grantID: grant.id, user: user, browserSessionID: browser.id)
            await #expect(throws: AuthorizationGrantProblem.notPending) {
                try await fulfiller.approve(grantID: grant.id, user: user, browserSessionID: browser.id)
            }
            await #expect(throws: AuthorizationGrantProblem.notPending) { try await fulfiller.deny(grantID: grant.id) }
            let sessions = try await h.storage.read { try await $0.oauthSessions.list(for: user.id, activeOnly: false) }
            #expect(sessions.count == 1)
        }
    }

    @Test("denial cancels the grant and tells the client access_denied", arguments: TestBackend.available)
    func deny(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let grant = try await pendingGrant(h, request(client))
            let response = try await AuthorizationGrantFulfiller(services: h.services).deny(grantID: grant.id)
            #expect(response.value(of: "error") == "access_denied")
            let stored = try await h.storage.read { try await $0.authorizationGrants.find(id: grant.id) }
            guard case .cancelled = stored?.status else {
                Issue.record("grant not cancelled")
                return
            }
        }
    }

    @Test("admin scopes for a user who may not have them end in access_denied, and cancel the grant", arguments: TestBackend.available)
    func adminScopeRefused(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let user = try await h.user()
            let client = try await h.client()
            let browser = try await h.browserSession(for: user)
            let grant = try await pendingGrant(h, request(client, scope: ["openid", MatrixScope.synapseAdmin]))
            let response = try await AuthorizationGrantFulfiller(services: h.services).approve(grantID: grant.id, user: user, browserSessionID: browser.id)
            #expect(response.value(of: "error") == "access_denied")
            let sessions = try await h.storage.read { try await $0.oauthSessions.list(for: user.id, activeOnly: false) }
            #expect(sessions.isEmpty)
        }
    }

    @Test("admin scopes for an admin user are granted", arguments: TestBackend.available)
    func adminScopeAllowed(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let user = try await h.user(admin: true)
            let client = try await h.client()
            let browser = try await h.browserSession(for: user)
            let grant = try await pendingGrant(h, request(client, scope: ["openid", MatrixScope.synapseAdmin]))
            let response = try await AuthorizationGrantFulfiller(services: h.services).approve(grantID: grant.id, user: user, browserSessionID: browser.id)
            #expect(response.value(of: "code") != nil)
        }
    }

    @Test("an unknown grant cannot be answered", arguments: TestBackend.available)
    func unknownGrant(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            await #expect(throws: AuthorizationGrantProblem.notFound) {
                try await AuthorizationGrantFulfiller(services: h.services).deny(grantID: AuthorizationGrantID(date: Date()))
            }
        }
    }

    // MARK: - prompt=none

    @Test("prompt=none: no session is login_required, no consent is consent_required, both give a code", arguments: TestBackend.available)
    func promptNone(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let user = try await h.user()
            let client = try await h.client()
            let fulfiller = AuthorizationGrantFulfiller(services: h.services)
            let silent = request(client, prompt: [.none])

            #expect(try await fulfiller.answerWithoutInteraction(silent, browserSessionID: nil).value(of: "error") == "login_required")
            let browser = try await h.browserSession(for: user)
            #expect(try await fulfiller.answerWithoutInteraction(silent, browserSessionID: browser.id).value(of: "error") == "consent_required")

            try await h.storage.transaction { try await $0.consents.grant(userID: user.id, clientID: client.id, scope: silent.scope, at: h.clock.now()) }
            let answer = try await fulfiller.answerWithoutInteraction(silent, browserSessionID: browser.id)
            let code = try #require(answer.value(of: "code"))
            let grant = try await h.storage.read { try await $0.authorizationGrants.find(codeHash: TokenHash(of: code).hex) }
            #expect(grant?.clientID == client.id)
        }
    }

    @Test("prompt=none: a finished session, an old login or another user is login_required", arguments: TestBackend.available)
    func promptNoneLoginRequired(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let user = try await h.user()
            let client = try await h.client()
            let fulfiller = AuthorizationGrantFulfiller(services: h.services)
            try await h.storage.transaction { try await $0.consents.grant(userID: user.id, clientID: client.id, scope: ["openid", MatrixScope.api], at: h.clock.now()) }
            let browser = try await h.browserSession(for: user)

            h.clock.advance(by: 600)
            let tooOld = try await fulfiller.answerWithoutInteraction(request(client, prompt: [.none], maxAge: 60), browserSessionID: browser.id)
            #expect(tooOld.value(of: "error") == "login_required")
            let recentEnough = try await fulfiller.answerWithoutInteraction(request(client, prompt: [.none], maxAge: 3600), browserSessionID: browser.id)
            #expect(recentEnough.value(of: "code") != nil)

            let someoneElse = try await fulfiller.answerWithoutInteraction(
                request(client, prompt: [.none], expectedSubject: UserID(date: Date()).description), browserSessionID: browser.id
            )
            #expect(someoneElse.value(of: "error") == "login_required")

            try await h.storage.transaction { try await $0.browserSessions.finish(id: browser.id, at: h.clock.now()) }
            let finished = try await fulfiller.answerWithoutInteraction(request(client, prompt: [.none]), browserSessionID: browser.id)
            #expect(finished.value(of: "error") == "login_required")
        }
    }

    // MARK: - Login freshness

    @Test("prompt=login and max_age ask for a login newer than the request")
    func freshness() {
        let requested = Date(timeIntervalSince1970: 1000)
        let before = Date(timeIntervalSince1970: 900)
        let after = Date(timeIntervalSince1970: 1001)
        let now = Date(timeIntervalSince1970: 1002)
        #expect(!LoginFreshness.requiresFreshLogin(prompt: [], maxAge: nil, requestedAt: requested, lastAuthenticatedAt: before, now: now))
        #expect(LoginFreshness.requiresFreshLogin(prompt: [.login], maxAge: nil, requestedAt: requested, lastAuthenticatedAt: before, now: now))
        #expect(!LoginFreshness.requiresFreshLogin(prompt: [.login], maxAge: nil, requestedAt: requested, lastAuthenticatedAt: after, now: now))
        #expect(LoginFreshness.requiresFreshLogin(prompt: [], maxAge: 60, requestedAt: requested, lastAuthenticatedAt: before, now: now))
        #expect(!LoginFreshness.requiresFreshLogin(prompt: [], maxAge: 600, requestedAt: requested, lastAuthenticatedAt: before, now: now))
        #expect(!LoginFreshness.requiresFreshLogin(prompt: [], maxAge: 0, requestedAt: requested, lastAuthenticatedAt: after, now: now))
        #expect(LoginFreshness.requiresFreshLogin(prompt: [], maxAge: nil, requestedAt: requested, lastAuthenticatedAt: nil, now: now))
    }
}
