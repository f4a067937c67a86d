import Foundation
import JWTKit
import SesameModel
import SesameOAuth
import Testing

@Suite("Authorization request validation")
struct AuthorizationRequestValidatorTests {
    private static let challenge = PKCE.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")

    /// A valid public-client request, changed by `overrides` (nil drops a parameter).
    private func parameters(_ client: OAuthClient, _ overrides: [String: String?] = [:]) -> FormParameters {
        var pairs: [String: String?] = [
            "client_id": client.id.description, "redirect_uri": client.redirectURIs.first, "response_type": "code",
            "scope": "openid urn:matrix:client:api:*", "state": "st", "code_challenge": Self.challenge, "code_challenge_method": "S256",
        ]
        for (key, value) in overrides { pairs[key] = value }
        return FormParameters(pairs.compactMapValues { $0 })
    }

    private func validate(_ h: OAuthHarness, _ parameters: FormParameters) async throws -> AuthorizationRequestOutcome {
        try await AuthorizationRequestValidator(services: h.services).validate(parameters)
    }

    private func pageError(_ outcome: AuthorizationRequestOutcome) -> AuthorizationPageError? {
        if case .showError(let reason) = outcome { return reason }
        return nil
    }

    private func redirectError(_ outcome: AuthorizationRequestOutcome) -> (OAuthError, AuthorizationResponseTarget)? {
        if case .redirectError(let error, let target) = outcome { return (error, target) }
        return nil
    }

    private func valid(_ outcome: AuthorizationRequestOutcome) -> ValidatedAuthorizationRequest? {
        if case .valid(let request) = outcome { return request }
        return nil
    }

    // MARK: - Client and redirect URI: error page

    @Test("a missing, malformed or unknown client_id is an error page", arguments: TestBackend.available)
    func clientChecks(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            #expect(pageError(try await validate(h, parameters(client, ["client_id": nil]))) == .missingClientID)
            #expect(pageError(try await validate(h, parameters(client, ["client_id": "nope"]))) == .unknownClient)
            #expect(pageError(try await validate(h, parameters(client, ["client_id": ClientID(date: Date()).description]))) == .unknownClient)
            let repeated = FormParameters(encoded: "client_id=\(client.id)&client_id=\(client.id)&response_type=code")
            #expect(pageError(try await validate(h, repeated)) == .repeatedParameter("client_id"))
        }
    }

    @Test("redirect_uri must match a registered one exactly", arguments: TestBackend.available)
    func redirectChecks(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            for uri in ["https://app.example.com/callback/", "https://app.example.com/callback?x=1", "https://APP.example.com/callback", "http://app.example.com/callback"] {
                #expect(pageError(try await validate(h, parameters(client, ["redirect_uri": uri]))) == .unregisteredRedirectURI, "\(uri)")
            }
            let several = try await h.client(redirectURIs: ["https://app.example.com/a", "https://app.example.com/b"])
            #expect(pageError(try await validate(h, parameters(several, ["redirect_uri": nil]))) == .missingRedirectURI)
            let none = try await h.client(redirectURIs: [])
            #expect(pageError(try await validate(h, parameters(none, ["redirect_uri": nil]))) == .noRegisteredRedirectURI)
        }
    }

    @Test("a loopback redirect URI may use any port, and keeps the port requested", arguments: TestBackend.available)
    func loopback(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client(redirectURIs: ["http://127.0.0.1/callback"])
            let request = valid(try await validate(h, parameters(client, ["redirect_uri": "http://127.0.0.1:51004/callback"])))
            #expect(request?.target.redirectURI == "http://127.0.0.1:51004/callback")
        }
    }

    @Test("an omitted redirect_uri means the only registered one", arguments: TestBackend.available)
    func defaultRedirect(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let request = valid(try await validate(h, parameters(client, ["redirect_uri": nil])))
            #expect(request?.target.redirectURI == "https://app.example.com/callback")
        }
    }

    // MARK: - Redirected errors

    @Test("each redirectable problem answers its RFC error code, with state and mode kept", arguments: TestBackend.available)
    func redirectedErrors(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let cases: [([String: String?], OAuthError.Code)] = [
                (["response_type": nil], .invalidRequest),
                (["response_type": "token"], .unsupportedResponseType),
                (["response_type": "code id_token"], .unsupportedResponseType),
                (["response_mode": "web_message"], .invalidRequest),
                (["request": "e30"], .requestNotSupported),
                (["request_uri": "https://app.example.com/r"], .requestURINotSupported),
                (["code_challenge_method": "plain"], .invalidRequest),
                (["code_challenge_method": nil], .invalidRequest),
                (["code_challenge": nil, "code_challenge_method": nil], .invalidRequest),
                (["code_challenge": "short"], .invalidRequest),
                (["scope": nil], .invalidScope),
                (["scope": "openid \u{7F}"], .invalidScope),
                (["scope": "openid made-up"], .invalidScope),
                (["scope": "urn:matrix:client:api:* urn:matrix:org.matrix.msc2967.client:device:A"], .invalidScope),
                (["scope": "urn:matrix:client:device:A urn:matrix:client:device:B"], .invalidScope),
                (["prompt": "sometimes"], .invalidRequest),
                (["prompt": "none login"], .invalidRequest),
                (["max_age": "-1"], .invalidRequest),
                (["max_age": "soon"], .invalidRequest),
                (["id_token_hint": "not.a.jwt"], .invalidRequest),
            ]
            for (overrides, code) in cases {
                let outcome = try await validate(h, parameters(client, overrides))
                let (error, target) = try #require(redirectError(outcome), "\(overrides) was accepted")
                #expect(error.code == code, "\(overrides): \(error)")
                #expect(target.redirectURI == "https://app.example.com/callback")
                #expect(target.state == "st")
            }
        }
    }

    @Test("plain PKCE is refused with a description naming S256", arguments: TestBackend.available)
    func plainPKCEDescription(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let (error, _) = try #require(redirectError(try await validate(h, parameters(client, ["code_challenge_method": "plain"]))))
            #expect(error.errorDescription.contains("only S256 is supported"))
        }
    }

    @Test("a client without the authorization_code grant type is unauthorized_client", arguments: TestBackend.available)
    func unauthorizedClient(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client(grantTypes: [.clientCredentials])
            let (error, _) = try #require(redirectError(try await validate(h, parameters(client))))
            #expect(error.code == .unauthorizedClient)
        }
    }

    @Test("a scope outside the client's allowed scope is invalid_scope", arguments: TestBackend.available)
    func allowedScope(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client(allowedScope: ["openid"])
            let (error, _) = try #require(redirectError(try await validate(h, parameters(client))))
            #expect(error.code == .invalidScope)
        }
    }

    @Test("admin scopes pass validation: whether the user may have them is decided on approval", arguments: TestBackend.available)
    func adminScopeDeferred(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            #expect(valid(try await validate(h, parameters(client, ["scope": "openid urn:synapse:admin:* urn:mas:admin"]))) != nil)
        }
    }

    @Test("a bad response_mode is reported in the default query mode, and a repeated state is not echoed", arguments: TestBackend.available)
    func errorDelivery(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let (_, target) = try #require(redirectError(try await validate(h, parameters(client, ["response_mode": "jwt"]))))
            #expect(target.responseMode == .query)
            let repeated = FormParameters(encoded: "client_id=\(client.id)&response_type=code&state=a&state=b")
            let (error, repeatedTarget) = try #require(redirectError(try await validate(h, repeated)))
            #expect(error.code == .invalidRequest)
            #expect(repeatedTarget.state == nil)
        }
    }

    // MARK: - Valid requests

    @Test("a valid request keeps every value it carries; unknown parameters are ignored", arguments: TestBackend.available)
    func validRequest(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let request = try #require(valid(try await validate(h, parameters(client, [
                "response_mode": "form_post", "nonce": "n1", "prompt": "login consent", "max_age": "300",
                "login_hint": "mxid:@alice:example.com", "ui_locales": "fr", "claims": "{}",
            ]))))
            #expect(request.target == AuthorizationResponseTarget(redirectURI: "https://app.example.com/callback", responseMode: .formPost, state: "st"))
            #expect(request.scope == Scope(parsing: "openid urn:matrix:client:api:*"))
            #expect(request.nonce == "n1")
            #expect(request.prompt == [.login, .consent])
            #expect(request.maxAge == 300)
            #expect(request.loginHint == "alice")
            #expect(request.pkce == PKCEChallenge(challenge: Self.challenge))

            let grant = request.makeGrant(id: AuthorizationGrantID(date: h.clock.now()), at: h.clock.now())
            #expect(grant.requiresConsent)
            #expect(grant.status == .pending)
            #expect(grant.responseMode == .formPost)
        }
    }

    @Test("a confidential client may leave PKCE out", arguments: TestBackend.available)
    func confidentialWithoutPKCE(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client(authMethod: .clientSecretBasic, secret: "s")
            let request = valid(try await validate(h, parameters(client, ["code_challenge": nil, "code_challenge_method": nil])))
            #expect(request != nil)
            #expect(request?.pkce == nil)
        }
    }

    @Test("login_hint: Matrix IDs on another server and odd text are ignored")
    func loginHints() {
        #expect(LoginHint.username(from: "mxid:@alice:example.com", serverName: "example.com") == "alice")
        #expect(LoginHint.username(from: "mxid:@alice:elsewhere.org", serverName: "example.com") == nil)
        #expect(LoginHint.username(from: "mxid:alice", serverName: "example.com") == nil)
        #expect(LoginHint.username(from: "bob", serverName: "example.com") == "bob")
        #expect(LoginHint.username(from: "<b>Bob</b>", serverName: "example.com") == nil)
    }

    @Test("an id_token_hint we issued names the expected user; one from elsewhere is refused", arguments: TestBackend.available)
    func idTokenHint(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let user = try await h.user()
            let now = Date(timeIntervalSince1970: h.clock.now().timeIntervalSince1970.rounded(.down))
            func token(issuer: String) async throws -> String {
                try await h.services.signingKeys.sign(IDTokenClaims(
                    iss: IssuerClaim(value: issuer), sub: SubjectClaim(value: user.id.description), aud: AudienceClaim(value: [client.id.description]),
                    iat: IssuedAtClaim(value: now), exp: ExpirationClaim(value: now.addingTimeInterval(-10))
                ))
            }
            // Expired is fine: the hint identifies the user, it grants nothing.
            let request = valid(try await validate(h, parameters(client, ["id_token_hint": try await token(issuer: h.settings.issuer)])))
            #expect(request?.expectedSubject == user.id.description)
            let foreign = try await validate(h, parameters(client, ["id_token_hint": try await token(issuer: "https://other.example.org/")]))
            #expect(redirectError(foreign)?.0.code == .invalidRequest)
        }
    }
}
