import Foundation
import SesameModel
import SesameOAuth
import SesameStorage
import Testing

/// RFC 7591 `scope` in a dynamic registration: the client is limited to what it registered.
@Suite("Registered scope limits")
struct RegisteredScopeTests {
    private static let challenge = PKCE.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")

    private func register(_ h: OAuthHarness, scope: Any?) async throws -> Result<ClientRegistrationResponse, OAuthError> {
        var body: [String: Any] = [
            "client_name": "Example App", "client_uri": "https://app.example.com/",
            "redirect_uris": ["https://app.example.com/callback"], "token_endpoint_auth_method": "none",
        ]
        if let scope { body["scope"] = scope }
        return await ClientRegistrationEndpoint(services: h.services).handle(json: try JSONSerialization.data(withJSONObject: body))
    }

    /// Validates an authorization request for `scope` from the registered client.
    private func authorize(_ h: OAuthHarness, clientID: String, scope: String) async throws -> OAuthError.Code? {
        let parameters = FormParameters([
            "client_id": clientID, "redirect_uri": "https://app.example.com/callback", "response_type": "code",
            "scope": scope, "state": "st", "code_challenge": Self.challenge, "code_challenge_method": "S256",
        ])
        switch try await AuthorizationRequestValidator(services: h.services).validate(parameters) {
        case .valid: return nil
        case .redirectError(let error, _): return error.code
        case .showError: return .invalidRequest
        default: return nil
        }
    }

    @Test("the registered scope is echoed in the registration response", arguments: TestBackend.available)
    func echoed(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let response = try await register(h, scope: "openid urn:matrix:client:api:*").get()
            let body = try #require(try JSONSerialization.jsonObject(with: response.jsonData()) as? [String: Any])
            #expect(Scope(parsing: try #require(body["scope"] as? String)) == Scope(parsing: "openid urn:matrix:client:api:*"))
        }
    }

    @Test("a scope outside the registered one is invalid_scope at /authorize", arguments: TestBackend.available)
    func outsideRefused(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let response = try await register(h, scope: "openid").get()
            #expect(try await authorize(h, clientID: response.clientID, scope: "openid urn:matrix:client:api:*") == .invalidScope)
            #expect(try await authorize(h, clientID: response.clientID, scope: "openid") == nil)
        }
    }

    @Test("a client registered for the Matrix API scope may name any device in the same form", arguments: TestBackend.available)
    func deviceCovered(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let response = try await register(h, scope: "openid urn:matrix:client:api:*").get()
            #expect(try await authorize(h, clientID: response.clientID, scope: "openid urn:matrix:client:api:* urn:matrix:client:device:ABCDEF") == nil)
            // The unstable form was not registered, so its device scope is not covered either.
            #expect(try await authorize(h, clientID: response.clientID, scope: "urn:matrix:org.matrix.msc2967.client:api:* urn:matrix:org.matrix.msc2967.client:device:ABCDEF") == .invalidScope)
        }
    }

    @Test("without a registered scope every scope the policy allows stays open", arguments: TestBackend.available)
    func noScopeNoLimit(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let response = try await register(h, scope: nil).get()
            #expect(try await authorize(h, clientID: response.clientID, scope: "openid email urn:matrix:client:api:* urn:matrix:client:device:ABC") == nil)
        }
    }

    /// Each argument is the JSON value sent as `scope`.
    @Test("an unknown, empty, device or non-string scope in a registration is invalid_client_metadata", arguments: [
        #""openid made-up""#, #""""#, #""urn:matrix:client:device:ABC""#, #"["openid"]"#,
    ])
    func badScopeRefused(json: String) async throws {
        let scope = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
        try await OAuthHarness.with { h in
            guard case .failure(let error) = try await register(h, scope: scope) else {
                Issue.record("registration with scope \(scope) was accepted")
                return
            }
            #expect(error.code == .invalidClientMetadata)
        }
    }
}
