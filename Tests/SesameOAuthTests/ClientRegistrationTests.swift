import Foundation
import SesameModel
import SesameOAuth
import SesameStorage
import Testing

/// Dynamic client registration (RFC 7591) under the Matrix rules of MSC2966, as a Matrix client would register.
@Suite("Client registration")
struct ClientRegistrationTests {
    /// A public web client, the smallest registration MSC2966 accepts.
    static var webClient: [String: Any] {
        [
        "client_name": "Example App",
        "client_uri": "https://app.example.com/",
        "redirect_uris": ["https://app.example.com/callback"],
        "token_endpoint_auth_method": "none",
        ]
    }

    /// A public native client with a reverse-domain redirect scheme.
    static var nativeClient: [String: Any] {
        [
        "client_name": "Example Mobile",
        "client_uri": "https://app.example.com/",
        "application_type": "native",
        "redirect_uris": ["com.example.app:/callback"],
        "token_endpoint_auth_method": "none",
        ]
    }

    private func register(
        _ metadata: [String: Any], harness: OAuthHarness, changing changes: [String: Any?] = [:]
    ) async throws -> Result<ClientRegistrationResponse, OAuthError> {
        var body = metadata
        for (key, value) in changes { body[key] = value }
        let json = try JSONSerialization.data(withJSONObject: body)
        return await ClientRegistrationEndpoint(services: harness.services).handle(json: json)
    }

    /// The error code of a refused registration; nil when it succeeded.
    private func refusal(
        _ metadata: [String: Any], harness: OAuthHarness, changing changes: [String: Any?] = [:]
    ) async throws -> OAuthError.Code? {
        guard case .failure(let error) = try await register(metadata, harness: harness, changing: changes) else { return nil }
        return error.code
    }

    /// A harness with relaxed registration rules.
    private func withPolicy<T: Sendable>(_ backend: TestBackend, _ policy: RegistrationPolicy, _ body: (OAuthHarness) async throws -> T) async throws -> T {
        try await OAuthHarness.with(backend, configure: { $0.registration = policy }, body)
    }

    // MARK: the response

    @Test("a public web client is registered with RFC 7591 defaults filled in", arguments: TestBackend.available)
    func publicWebClient(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let response = try await register(Self.webClient, harness: harness).get()
            #expect(response.metadata.grantTypes == [.authorizationCode])
            #expect(response.metadata.responseTypes == ["code"])
            #expect(response.metadata.applicationType == .web)
            #expect(response.metadata.idTokenSignedResponseAlg == "RS256")
            #expect(response.clientSecret == nil)
            #expect(response.clientSecretExpiresAt == nil)
            #expect(response.clientIDIssuedAt == Int(harness.clock.now().timeIntervalSince1970))
        }
    }

    @Test("the registered client is stored with the metadata it was given", arguments: TestBackend.available)
    func storedClient(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let response = try await register(Self.webClient, harness: harness, changing: ["contacts": ["ops@example.com"]]).get()
            let id = try #require(ClientID(response.clientID))
            let found = try await harness.storage.read { try await $0.oauthClients.find(id: id) }
            let stored = try #require(found)
            #expect(stored.isStatic == false)
            #expect(stored.clientName == "Example App")
            #expect(stored.redirectURIs == ["https://app.example.com/callback"])
            #expect(stored.tokenEndpointAuthMethod == ClientAuthMethod.none)
            #expect(stored.contacts == ["ops@example.com"])
        }
    }

    @Test("the response JSON has the RFC 7591 §3.2.1 members in snake_case", arguments: TestBackend.available)
    func responseJSON(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let response = try await register(Self.webClient, harness: harness).get()
            let object = try #require(try JSONSerialization.jsonObject(with: response.jsonData()) as? [String: Any])
            #expect(object["client_id"] as? String == response.clientID)
            #expect(object["client_id_issued_at"] is Int)
            #expect(object["redirect_uris"] as? [String] == ["https://app.example.com/callback"])
            #expect(object["grant_types"] as? [String] == ["authorization_code"])
            #expect(object["response_types"] as? [String] == ["code"])
            #expect(object["token_endpoint_auth_method"] as? String == "none")
            #expect(object["client_uri"] as? String == "https://app.example.com/")
            #expect(object["client_secret"] == nil)
            #expect(response.httpStatus == 201)
        }
    }

    @Test("without token_endpoint_auth_method the client gets client_secret_basic and a secret, shown once", arguments: TestBackend.available)
    func defaultAuthMethodIssuesSecret(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let response = try await register(Self.webClient, harness: harness, changing: ["token_endpoint_auth_method": nil]).get()
            let secret = try #require(response.clientSecret)
            #expect(response.metadata.tokenEndpointAuthMethod == .clientSecretBasic)
            #expect(secret.count >= 32)
            #expect(response.clientSecretExpiresAt == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: response.jsonData()) as? [String: Any])
            #expect(object["client_secret_expires_at"] as? Int == 0)
        }
    }

    @Test("the client secret is stored encrypted and authenticates the client", arguments: TestBackend.available)
    func secretStoredEncrypted(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let response = try await register(Self.webClient, harness: harness, changing: ["token_endpoint_auth_method": "client_secret_post"]).get()
            let secret = try #require(response.clientSecret)
            let id = try #require(ClientID(response.clientID))
            let found = try await harness.storage.read { try await $0.oauthClients.find(id: id) }
            let stored = try #require(found)
            let sealed = try #require(stored.encryptedClientSecret)
            #expect(sealed != secret)
            let opened = try harness.services.secretBox.openString(sealed)
            #expect(opened == secret)
            let client = try await ClientAuthenticator(services: harness.services)
                .authenticate(.post(clientID: response.clientID, secret: secret), audience: harness.tokenEndpoint)
            #expect(client.id == id)
        }
    }

    @Test("localised metadata like client_name#fr is ignored", arguments: TestBackend.available)
    func localisedFieldsIgnored(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let response = try await register(Self.webClient, harness: harness, changing: ["client_name#fr": "Appli"]).get()
            #expect(response.metadata.clientName == "Example App")
        }
    }

    // MARK: the request body

    @Test("a body that is not JSON is invalid_client_metadata", arguments: TestBackend.available)
    func notJSON(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let result = await ClientRegistrationEndpoint(services: harness.services).handle(json: Data("client_uri=x".utf8))
            #expect(result.failureCode == .invalidClientMetadata)
        }
    }

    @Test("redirect_uris that is not a list is invalid_redirect_uri", arguments: TestBackend.available)
    func redirectURIsWrongType(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["redirect_uris": "https://app.example.com/callback"])
            #expect(code == .invalidRedirectURI)
        }
    }

    @Test("a field of the wrong type is invalid_client_metadata", arguments: TestBackend.available)
    func fieldWrongType(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["contacts": "ops@example.com"])
            #expect(code == .invalidClientMetadata)
        }
    }

    // MARK: client_uri and the page URIs

    @Test("client_uri is required", arguments: TestBackend.available)
    func clientURIRequired(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["client_uri": nil])
            #expect(code == .invalidClientMetadata)
        }
    }

    @Test("allow_missing_client_uri lets a client register without one", arguments: TestBackend.available)
    func clientURIMayBeMissingWhenAllowed(backend: TestBackend) async throws {
        try await withPolicy(backend, RegistrationPolicy(allowMissingClientURI: true)) { harness in
            let response = try await register(Self.webClient, harness: harness, changing: ["client_uri": nil]).get()
            #expect(response.metadata.clientURI == nil)
        }
    }

    @Test("an http client_uri is invalid_client_metadata", arguments: TestBackend.available)
    func clientURIMustBeHTTPS(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["client_uri": "http://app.example.com/"])
            #expect(code == .invalidClientMetadata)
        }
    }

    @Test("allow_insecure_uris accepts http URIs", arguments: TestBackend.available)
    func insecureURIsWhenAllowed(backend: TestBackend) async throws {
        try await withPolicy(backend, RegistrationPolicy(allowInsecureURIs: true)) { harness in
            let response = try await register(
                Self.webClient, harness: harness,
                changing: ["client_uri": "http://app.example.com/", "redirect_uris": ["http://app.example.com/callback"]]
            ).get()
            #expect(response.metadata.redirectURIs == ["http://app.example.com/callback"])
        }
    }

    @Test("a client_uri with a fragment is invalid_client_metadata", arguments: TestBackend.available)
    func clientURIFragment(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["client_uri": "https://app.example.com/#about"])
            #expect(code == .invalidClientMetadata)
        }
    }

    @Test("a logo_uri on another host is invalid_client_metadata", arguments: TestBackend.available)
    func logoURIOtherHost(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["logo_uri": "https://cdn.other.org/logo.png"])
            #expect(code == .invalidClientMetadata)
        }
    }

    @Test("a logo_uri on a subdomain of the client_uri host is accepted", arguments: TestBackend.available)
    func logoURISubdomain(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let response = try await register(Self.webClient, harness: harness, changing: ["logo_uri": "https://cdn.app.example.com/logo.png"]).get()
            #expect(response.metadata.logoURI == "https://cdn.app.example.com/logo.png")
        }
    }

    @Test("a host that merely ends with the client_uri host is not a subdomain", arguments: TestBackend.available)
    func lookalikeHost(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["policy_uri": "https://evilapp.example.com/privacy"])
            #expect(code == .invalidClientMetadata)
        }
    }

    @Test("allow_host_mismatch accepts page URIs on other hosts", arguments: TestBackend.available)
    func hostMismatchWhenAllowed(backend: TestBackend) async throws {
        try await withPolicy(backend, RegistrationPolicy(allowHostMismatch: true)) { harness in
            let response = try await register(Self.webClient, harness: harness, changing: ["tos_uri": "https://legal.other.org/tos"]).get()
            #expect(response.metadata.tosURI == "https://legal.other.org/tos")
        }
    }

    @Test("an http tos_uri is invalid_client_metadata", arguments: TestBackend.available)
    func tosURIMustBeHTTPS(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["tos_uri": "http://app.example.com/tos"])
            #expect(code == .invalidClientMetadata)
        }
    }

    @Test("a policy_uri on the client_uri host is kept", arguments: TestBackend.available)
    func policyURIKept(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let response = try await register(Self.webClient, harness: harness, changing: ["policy_uri": "https://app.example.com/privacy"]).get()
            #expect(response.metadata.policyURI == "https://app.example.com/privacy")
        }
    }

    // MARK: redirect URIs

    @Test("the authorization_code grant without redirect_uris is invalid_redirect_uri", arguments: TestBackend.available)
    func redirectURIsRequired(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["redirect_uris": nil])
            #expect(code == .invalidRedirectURI)
        }
    }

    @Test("a device-code-only client needs no redirect URI and gets no response types", arguments: TestBackend.available)
    func deviceOnlyClient(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let response = try await register(
                Self.nativeClient, harness: harness,
                changing: ["redirect_uris": nil, "grant_types": ["urn:ietf:params:oauth:grant-type:device_code", "refresh_token"]]
            ).get()
            #expect(response.metadata.grantTypes == [.refreshToken, .deviceCode])
            #expect(response.metadata.responseTypes == [])
        }
    }

    @Test("a web client's http redirect URI is invalid_redirect_uri", arguments: TestBackend.available)
    func webRedirectMustBeHTTPS(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["redirect_uris": ["http://app.example.com/callback"]])
            #expect(code == .invalidRedirectURI)
        }
    }

    @Test("a web client's redirect URI on another host is invalid_redirect_uri", arguments: TestBackend.available)
    func webRedirectOtherHost(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["redirect_uris": ["https://attacker.org/callback"]])
            #expect(code == .invalidRedirectURI)
        }
    }

    @Test("a web client may redirect to a subdomain of its client_uri host", arguments: TestBackend.available)
    func webRedirectSubdomain(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let response = try await register(Self.webClient, harness: harness, changing: ["redirect_uris": ["https://login.app.example.com/cb"]]).get()
            #expect(response.metadata.redirectURIs == ["https://login.app.example.com/cb"])
        }
    }

    @Test("a redirect URI with a fragment is invalid_redirect_uri", arguments: TestBackend.available)
    func redirectFragment(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["redirect_uris": ["https://app.example.com/callback#done"]])
            #expect(code == .invalidRedirectURI)
        }
    }

    @Test("a native client may redirect to loopback http on any port", arguments: [
        "http://127.0.0.1/callback", "http://127.0.0.1:51234/callback", "http://[::1]:8080/", "http://localhost:3000/cb",
    ])
    func nativeLoopback(uri: String) async throws {
        try await OAuthHarness.with { harness in
            let response = try await register(Self.nativeClient, harness: harness, changing: ["redirect_uris": [uri]]).get()
            #expect(response.metadata.redirectURIs == [uri])
        }
    }

    @Test("a native client may use the reverse of its client_uri host, or of a parent domain, as scheme", arguments: [
        "com.example.app:/callback", "com.example.app://callback", "com.example:/callback",
    ])
    func nativeReverseDomainScheme(uri: String) async throws {
        try await OAuthHarness.with { harness in
            let response = try await register(Self.nativeClient, harness: harness, changing: ["redirect_uris": [uri]]).get()
            #expect(response.metadata.redirectURIs == [uri])
        }
    }

    @Test("a native client's scheme belonging to another domain is invalid_redirect_uri", arguments: TestBackend.available)
    func nativeForeignScheme(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.nativeClient, harness: harness, changing: ["redirect_uris": ["org.attacker.app:/callback"]])
            #expect(code == .invalidRedirectURI)
        }
    }

    @Test("a native client's scheme without a dot is invalid_redirect_uri", arguments: TestBackend.available)
    func nativeBareScheme(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.nativeClient, harness: harness, changing: ["redirect_uris": ["exampleapp:/callback"]])
            #expect(code == .invalidRedirectURI)
        }
    }

    @Test("a native client's https redirect URI is invalid_redirect_uri", arguments: TestBackend.available)
    func nativeHTTPS(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.nativeClient, harness: harness, changing: ["redirect_uris": ["https://app.example.com/callback"]])
            #expect(code == .invalidRedirectURI)
        }
    }

    @Test("a native client may use the out-of-band redirect", arguments: TestBackend.available)
    func nativeOutOfBand(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let response = try await register(Self.nativeClient, harness: harness, changing: ["redirect_uris": ["urn:ietf:wg:oauth:2.0:oob"]]).get()
            #expect(response.metadata.redirectURIs == ["urn:ietf:wg:oauth:2.0:oob"])
        }
    }

    @Test("a web client may not use the out-of-band redirect", arguments: TestBackend.available)
    func webOutOfBand(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["redirect_uris": ["urn:ietf:wg:oauth:2.0:oob"]])
            #expect(code == .invalidRedirectURI)
        }
    }

    @Test("an application_type other than web or native is invalid_client_metadata", arguments: TestBackend.available)
    func unknownApplicationType(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["application_type": "desktop"])
            #expect(code == .invalidClientMetadata)
        }
    }

    // MARK: grant and response types

    @Test("the password grant is never granted by registration", arguments: TestBackend.available)
    func passwordNeverGranted(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let response = try await register(
                Self.webClient, harness: harness, changing: ["grant_types": ["authorization_code", "password", "refresh_token"]]
            ).get()
            #expect(response.metadata.grantTypes == [.authorizationCode, .refreshToken])
        }
    }

    @Test("asking for the password grant alone is invalid_client_metadata", arguments: TestBackend.available)
    func passwordOnly(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["grant_types": ["password"]])
            #expect(code == .invalidClientMetadata)
        }
    }

    @Test("unknown grant types are ignored", arguments: TestBackend.available)
    func unknownGrantTypesIgnored(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let response = try await register(
                Self.webClient, harness: harness, changing: ["grant_types": ["authorization_code", "implicit", "urn:example:custom"]]
            ).get()
            #expect(response.metadata.grantTypes == [.authorizationCode])
        }
    }

    @Test("a public client is not granted client_credentials", arguments: TestBackend.available)
    func publicClientCredentialsDropped(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let response = try await register(
                Self.webClient, harness: harness, changing: ["grant_types": ["authorization_code", "client_credentials"]]
            ).get()
            #expect(response.metadata.grantTypes == [.authorizationCode])
        }
    }

    @Test("a confidential client is granted client_credentials", arguments: TestBackend.available)
    func confidentialClientCredentials(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let response = try await register(
                Self.webClient, harness: harness,
                changing: ["token_endpoint_auth_method": "client_secret_basic", "grant_types": ["client_credentials"], "redirect_uris": nil]
            ).get()
            #expect(response.metadata.grantTypes == [.clientCredentials])
        }
    }

    @Test("a response type other than code is invalid_client_metadata", arguments: TestBackend.available)
    func responseTypeToken(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["response_types": ["code", "token"]])
            #expect(code == .invalidClientMetadata)
        }
    }

    @Test("the code response type without the authorization_code grant is invalid_client_metadata", arguments: TestBackend.available)
    func responseTypeWithoutGrant(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(
                Self.webClient, harness: harness,
                changing: ["response_types": ["code"], "grant_types": ["urn:ietf:params:oauth:grant-type:device_code"]])
            #expect(code == .invalidClientMetadata)
        }
    }

    // MARK: authentication methods and keys

    @Test("an unknown token_endpoint_auth_method is invalid_client_metadata", arguments: TestBackend.available)
    func unknownAuthMethod(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["token_endpoint_auth_method": "tls_client_auth"])
            #expect(code == .invalidClientMetadata)
        }
    }

    @Test("client_secret_jwt gets a secret long enough for HS512", arguments: TestBackend.available)
    func clientSecretJWTSecret(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let response = try await register(Self.webClient, harness: harness, changing: ["token_endpoint_auth_method": "client_secret_jwt"]).get()
            #expect((response.clientSecret?.utf8.count ?? 0) >= 64)
        }
    }

    @Test("private_key_jwt without jwks or jwks_uri is invalid_client_metadata", arguments: TestBackend.available)
    func privateKeyJWTNeedsKeys(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["token_endpoint_auth_method": "private_key_jwt"])
            #expect(code == .invalidClientMetadata)
        }
    }

    @Test("jwks and jwks_uri together are invalid_client_metadata", arguments: TestBackend.available)
    func jwksAndJWKSURI(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(
                Self.webClient, harness: harness,
                changing: [
                    "token_endpoint_auth_method": "private_key_jwt", "jwks_uri": "https://app.example.com/jwks.json",
                    "jwks": ["keys": [["kty": "EC", "crv": "P-256", "x": "AA", "y": "AA"]]],
                ])
            #expect(code == .invalidClientMetadata)
        }
    }

    @Test("an http jwks_uri is invalid_client_metadata", arguments: TestBackend.available)
    func jwksURIMustBeHTTPS(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(
                Self.webClient, harness: harness,
                changing: ["token_endpoint_auth_method": "private_key_jwt", "jwks_uri": "http://app.example.com/jwks.json"])
            #expect(code == .invalidClientMetadata)
        }
    }

    @Test("a jwks that is not a key set is invalid_client_metadata", arguments: TestBackend.available)
    func jwksNotAKeySet(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(
                Self.webClient, harness: harness, changing: ["token_endpoint_auth_method": "private_key_jwt", "jwks": ["keys": []]])
            #expect(code == .invalidClientMetadata)
        }
    }

    @Test("a private_key_jwt client registered with its jwks authenticates with a signed assertion", arguments: TestBackend.available)
    func privateKeyJWTRoundTrip(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let pair = try await ClientKeyPair.p256()
            let jwks = try JSONSerialization.jsonObject(with: Data(pair.publicJWKS.utf8))
            let response = try await register(
                Self.webClient, harness: harness, changing: ["token_endpoint_auth_method": "private_key_jwt", "jwks": jwks]
            ).get()
            #expect(response.clientSecret == nil)
            let claims = TestAssertionClaims(clientID: response.clientID, audience: harness.tokenEndpoint, now: harness.clock.now())
            let client = try await ClientAuthenticator(services: harness.services)
                .authenticate(.assertion(clientID: nil, jwt: try await pair.sign(claims)), audience: harness.tokenEndpoint)
            #expect(client.id.description == response.clientID)
        }
    }

    @Test("an ID token algorithm the server cannot sign with is invalid_client_metadata", arguments: TestBackend.available)
    func unsupportedIDTokenAlgorithm(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let code = try await refusal(Self.webClient, harness: harness, changing: ["id_token_signed_response_alg": "HS256"])
            #expect(code == .invalidClientMetadata)
        }
    }

    @Test("an ID token algorithm the key set holds is kept", arguments: TestBackend.available)
    func supportedIDTokenAlgorithm(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let response = try await register(Self.webClient, harness: harness, changing: ["id_token_signed_response_alg": "ES256"]).get()
            #expect(response.metadata.idTokenSignedResponseAlg == "ES256")
        }
    }

    // MARK: identical registrations

    @Test("an identical public registration returns the existing client", arguments: TestBackend.available)
    func identicalPublicRegistrationReused(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let first = try await register(Self.nativeClient, harness: harness).get()
            let second = try await register(Self.nativeClient, harness: harness).get()
            #expect(second.clientID == first.clientID)
            #expect(second.clientIDIssuedAt == first.clientIDIssuedAt)
            #expect(second.isExistingClient)
            #expect(!first.isExistingClient)
            let all = try await harness.storage.read { try await $0.oauthClients.list(page: PageRequest()) }
            #expect(all.count == 1)
        }
    }

    @Test("a public registration with different metadata gets a new client", arguments: TestBackend.available)
    func differentPublicRegistration(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let first = try await register(Self.nativeClient, harness: harness).get()
            let second = try await register(Self.nativeClient, harness: harness, changing: ["client_name": "Example Mobile 2"]).get()
            #expect(second.clientID != first.clientID)
        }
    }

    @Test("identical confidential registrations each get their own client and secret", arguments: TestBackend.available)
    func confidentialRegistrationsNotReused(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let first = try await register(Self.webClient, harness: harness, changing: ["token_endpoint_auth_method": "client_secret_basic"]).get()
            let second = try await register(Self.webClient, harness: harness, changing: ["token_endpoint_auth_method": "client_secret_basic"]).get()
            #expect(second.clientID != first.clientID)
            #expect(second.clientSecret != first.clientSecret)
        }
    }
}

extension Result where Failure == OAuthError {
    /// The error code of a failure; nil on success.
    var failureCode: OAuthError.Code? {
        if case .failure(let error) = self { error.code } else { nil }
    }
}
