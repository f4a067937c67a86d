import Foundation
import SesameCrypto
import SesameOAuth
import Testing

/// The discovery document: what Synapse, Matrix clients and OIDC libraries read first.
@Suite("Provider metadata")
struct ProviderMetadataTests {
    static let settings = OAuthSettings(issuer: "https://auth.example.com/")

    /// The document as JSON members.
    private func document(
        settings: OAuthSettings = Self.settings, algorithms: [SigningAlgorithm] = [.rs256, .es256]
    ) throws -> [String: Any] {
        let data = try ProviderMetadata.make(settings: settings, signingAlgorithms: algorithms).jsonData()
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("every member the Matrix auth_metadata endpoint requires is present with the values the spec demands")
    func matrixRequiredFields() throws {
        let json = try document()
        #expect(json["issuer"] as? String == "https://auth.example.com/")
        #expect(json["authorization_endpoint"] as? String == "https://auth.example.com/authorize")
        #expect(json["token_endpoint"] as? String == "https://auth.example.com/oauth2/token")
        #expect(json["registration_endpoint"] as? String == "https://auth.example.com/oauth2/registration")
        #expect(json["revocation_endpoint"] as? String == "https://auth.example.com/oauth2/revoke")
        #expect((json["response_types_supported"] as? [String])?.contains("code") == true)
        #expect(Set(json["response_modes_supported"] as? [String] ?? []).isSuperset(of: ["query", "fragment"]))
        #expect(Set(json["grant_types_supported"] as? [String] ?? []).isSuperset(of: ["authorization_code", "refresh_token"]))
        #expect((json["code_challenge_methods_supported"] as? [String])?.contains("S256") == true)
    }

    @Test("the Matrix account management members point at the account page")
    func accountManagement() throws {
        let json = try document()
        #expect(json["account_management_uri"] as? String == "https://auth.example.com/account/")
        let actions = Set(json["account_management_actions_supported"] as? [String] ?? [])
        #expect(actions.isSuperset(of: [
            "org.matrix.profile", "org.matrix.sessions_list", "org.matrix.session_view", "org.matrix.session_end",
            "org.matrix.cross_signing_reset", "org.matrix.devices_list", "org.matrix.device_view", "org.matrix.device_delete",
        ]))
    }

    @Test("the OIDC Discovery required members are present")
    func oidcRequiredFields() throws {
        let json = try document()
        #expect(json["jwks_uri"] as? String == "https://auth.example.com/oauth2/keys.json")
        #expect(json["subject_types_supported"] as? [String] == ["public"])
        #expect(json["id_token_signing_alg_values_supported"] as? [String] == ["RS256", "ES256"])
        #expect(json["userinfo_endpoint"] as? String == "https://auth.example.com/oauth2/userinfo")
    }

    @Test("the other endpoints are listed where Sesame serves them")
    func otherEndpoints() throws {
        let json = try document()
        #expect(json["introspection_endpoint"] as? String == "https://auth.example.com/oauth2/introspect")
        #expect(json["device_authorization_endpoint"] as? String == "https://auth.example.com/oauth2/device")
        #expect(json["end_session_endpoint"] as? String == "https://auth.example.com/logout")
        #expect(json["org.matrix.matrix-authentication-service.graphql_endpoint"] as? String == "https://auth.example.com/graphql")
    }

    @Test("endpoints are built from the public base, not the issuer")
    func publicBase() throws {
        let json = try document(settings: OAuthSettings(issuer: "https://example.com/", publicBase: "https://auth.example.com/sesame/"))
        #expect(json["issuer"] as? String == "https://example.com/")
        #expect(json["token_endpoint"] as? String == "https://auth.example.com/sesame/oauth2/token")
    }

    @Test("ID token algorithms follow the key set")
    func signingAlgorithmsFromKeySet() throws {
        let json = try document(algorithms: [.es256])
        #expect(json["id_token_signing_alg_values_supported"] as? [String] == ["ES256"])
    }

    @Test("all five client authentication methods are offered at every authenticated endpoint")
    func authMethods() throws {
        let json = try document()
        let methods: Set = ["none", "client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt"]
        for key in ["token_endpoint_auth_methods_supported", "revocation_endpoint_auth_methods_supported", "introspection_endpoint_auth_methods_supported"] {
            #expect(Set(json[key] as? [String] ?? []) == methods, "\(key)")
        }
    }

    @Test("assertion signing algorithms include HMAC and the asymmetric ones, never none")
    func assertionAlgorithms() throws {
        let algorithms = try document()["token_endpoint_auth_signing_alg_values_supported"] as? [String] ?? []
        #expect(Set(algorithms).isSuperset(of: ["HS256", "RS256", "ES256", "PS256"]))
        #expect(!algorithms.contains("none"))
    }

    @Test("only S256 PKCE is offered, never plain")
    func pkceMethods() throws {
        #expect(try document()["code_challenge_methods_supported"] as? [String] == ["S256"])
    }

    @Test("the grant types are the four Sesame supports, without password")
    func grantTypes() throws {
        let grants = try document()["grant_types_supported"] as? [String]
        #expect(grants == ["authorization_code", "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:device_code"])
    }

    @Test("the Matrix API scopes are listed in both forms, device scopes are not")
    func scopes() throws {
        let scopes = try document()["scopes_supported"] as? [String] ?? []
        #expect(scopes.contains("urn:matrix:client:api:*"))
        #expect(scopes.contains("urn:matrix:org.matrix.msc2967.client:api:*"))
        #expect(scopes.contains("openid"))
        #expect(!scopes.contains { $0.contains(":device:") })
    }

    @Test("request objects are not supported and RFC 9207 iss is")
    func flags() throws {
        let json = try document()
        #expect(json["request_parameter_supported"] as? Bool == false)
        #expect(json["request_uri_parameter_supported"] as? Bool == false)
        #expect(json["authorization_response_iss_parameter_supported"] as? Bool == true)
    }

    @Test("prompt values include create, for registration from the authorization request")
    func prompts() throws {
        #expect(try document()["prompt_values_supported"] as? [String] == ["none", "login", "consent", "create"])
    }

    @Test("the claims list names the ID token and userinfo claims")
    func claims() throws {
        let json = try document()
        let claims = Set(json["claims_supported"] as? [String] ?? [])
        #expect(claims.isSuperset(of: ["iss", "sub", "aud", "exp", "iat", "nonce", "email", "email_verified", "username"]))
        #expect(json["claim_types_supported"] as? [String] == ["normal"])
    }

    @Test("the document is byte-for-byte stable between builds")
    func stableEncoding() throws {
        let first = try ProviderMetadata.make(settings: Self.settings, signingAlgorithms: [.rs256]).jsonData()
        let second = try ProviderMetadata.make(settings: Self.settings, signingAlgorithms: [.rs256]).jsonData()
        #expect(first == second)
        #expect(String(decoding: first, as: UTF8.self).contains(#""https://auth.example.com/oauth2/token""#))
    }
}
