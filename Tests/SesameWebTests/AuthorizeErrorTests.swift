import Foundation
import SesameModel
import SesameOAuth
import Testing

@Suite("Authorization requests that fail")
struct AuthorizeErrorTests {
    // MARK: - Never redirected: an error page

    private func expectErrorPage(_ response: WebResponse, mentioning text: String) {
        #expect(response.status == .badRequest)
        #expect(response.location == nil)
        #expect(response.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(response.body.contains(text))
    }

    @Test("an unknown client_id gets an error page, not a redirect")
    func unknownClient() async throws {
        try await WebHarness.with { web in
            let client = try await web.client()
            var query = authorizeQuery(client: client, ["client_id": ClientID(date: Date()).description])
            expectErrorPage(try await web.browser.get(query), mentioning: "does not name a registered client")
            query = authorizeQuery(client: client, ["client_id": "not-a-ulid"])
            expectErrorPage(try await web.browser.get(query), mentioning: "does not name a registered client")
        }
    }

    @Test("an unregistered redirect_uri gets an error page, not a redirect")
    func unregisteredRedirect() async throws {
        try await WebHarness.with { web in
            let client = try await web.client()
            let response = try await web.browser.get(authorizeQuery(client: client, ["redirect_uri": "https://evil.example.net/callback"]))
            expectErrorPage(response, mentioning: "not one the client registered")
        }
    }

    @Test("a missing redirect_uri when the client registered several gets an error page")
    func ambiguousRedirect() async throws {
        try await WebHarness.with { web in
            let client = try await web.client(redirectURIs: ["https://app.example.com/a", "https://app.example.com/b"])
            let response = try await web.browser.get(authorizeQuery(client: client, ["redirect_uri": nil]))
            expectErrorPage(response, mentioning: "registered several redirect URIs")
        }
    }

    @Test("a missing redirect_uri is fine when the client registered exactly one")
    func singleRegisteredRedirect() async throws {
        try await WebHarness.with { web in
            let client = try await web.client()
            let response = try await web.browser.get(authorizeQuery(client: client, ["redirect_uri": nil]))
            #expect(response.status == .seeOther)
            #expect(response.location?.hasPrefix("/consent/") == true)
        }
    }

    // MARK: - Redirected to the client with an error

    private func expectRedirectError(_ web: WebHarness, _ overrides: [String: String?], code: String, authMethod: ClientAuthMethod = .none) async throws {
        let client = try await web.client(authMethod: authMethod)
        let response = try await web.browser.get(authorizeQuery(client: client, overrides))
        #expect(response.status == .seeOther)
        let location = try #require(response.location)
        #expect(location.hasPrefix("https://app.example.com/callback?"))
        let parameters = response.locationParameters()
        #expect(parameters["error"] == code)
        #expect(parameters["error_description"] != nil)
        #expect(parameters["iss"] == web.issuer)
        #expect(parameters["state"] == "xyz-state")
    }

    @Test("code_challenge_method=plain is refused at the redirect URI")
    func plainPKCE() async throws {
        try await WebHarness.with { web in
            try await expectRedirectError(web, ["code_challenge_method": "plain", "code_challenge": TestPKCE.verifier], code: "invalid_request")
        }
    }

    @Test("a public client without PKCE is refused at the redirect URI")
    func missingPKCE() async throws {
        try await WebHarness.with { web in
            try await expectRedirectError(web, ["code_challenge": nil, "code_challenge_method": nil], code: "invalid_request")
        }
    }

    @Test("a confidential client may omit PKCE")
    func confidentialWithoutPKCE() async throws {
        try await WebHarness.with { web in
            let client = try await web.client(authMethod: .clientSecretBasic)
            let response = try await web.browser.get(authorizeQuery(client: client, ["code_challenge": nil, "code_challenge_method": nil]))
            #expect(response.location?.hasPrefix("/consent/") == true)
        }
    }

    @Test("response_type=token is unsupported_response_type")
    func badResponseType() async throws {
        try await WebHarness.with { web in
            try await expectRedirectError(web, ["response_type": "token"], code: "unsupported_response_type")
        }
    }

    @Test("a request object is request_not_supported")
    func requestObject() async throws {
        try await WebHarness.with { web in
            try await expectRedirectError(web, ["request": "eyJhbGciOiJub25lIn0.e30."], code: "request_not_supported")
        }
    }

    @Test("an unknown scope is invalid_scope")
    func unknownScope() async throws {
        try await WebHarness.with { web in
            try await expectRedirectError(web, ["scope": "openid launch-the-missiles"], code: "invalid_scope")
        }
    }

    @Test("errors in form_post mode are posted, not redirected")
    func formPostError() async throws {
        try await WebHarness.with { web in
            let client = try await web.client()
            let response = try await web.browser.get(authorizeQuery(client: client, ["response_mode": "form_post", "response_type": "token"]))
            #expect(response.status == .ok)
            #expect(response.hiddenField("error") == "unsupported_response_type")
            #expect(response.hiddenField("iss") == web.issuer)
        }
    }

    @Test("POST /authorize reads the form body")
    func postAuthorize() async throws {
        try await WebHarness.with { web in
            let client = try await web.client()
            let query = authorizeQuery(client: client)
            let body = try #require(URLComponents(string: query)?.queryItems)
            let fields = Dictionary(uniqueKeysWithValues: body.map { ($0.name, $0.value ?? "") })
            let response = try await web.browser.post("/authorize", fields)
            #expect(response.status == .seeOther)
            #expect(response.location?.hasPrefix("/consent/") == true)
        }
    }

    // MARK: - prompt=none

    @Test("prompt=none without a session answers login_required")
    func promptNoneSignedOut() async throws {
        try await WebHarness.with { web in
            try await expectRedirectError(web, ["prompt": "none"], code: "login_required")
        }
    }

    @Test("prompt=none with a session but no consent answers consent_required")
    func promptNoneWithoutConsent() async throws {
        try await WebHarness.with { web in
            try await web.user()
            try await web.signIn()
            try await expectRedirectError(web, ["prompt": "none"], code: "consent_required")
        }
    }

    @Test("prompt=none with a session and earlier consent answers with a code")
    func promptNoneWithConsent() async throws {
        try await WebHarness.with { web in
            let user = try await web.user()
            let client = try await web.client()
            try await web.storage.transaction {
                try await $0.consents.grant(userID: user.id, clientID: client.id, scope: ["openid", MatrixScope.api], at: web.clock.now())
            }
            try await web.signIn()
            let response = try await web.browser.get(authorizeQuery(client: client, ["prompt": "none"]))
            #expect(response.status == .seeOther)
            let parameters = response.locationParameters()
            #expect(parameters["code"] != nil)
            #expect(parameters["state"] == "xyz-state")
            #expect(parameters["iss"] == web.issuer)
        }
    }
}
