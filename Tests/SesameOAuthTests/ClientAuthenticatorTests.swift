import Foundation
import SesameModel
import SesameOAuth
import Testing

/// RFC 6749 §2.3: a client authenticates with exactly the method it registered.
@Suite("Client authentication")
struct ClientAuthenticatorTests {
    /// A secret with every character RFC 6749 §2.3.1 makes a client form-encode.
    static let awkwardSecret = "s3cr:t+with%odd/chars & ünïcode="

    /// Reads credentials as the token endpoint would, then authenticates them.
    private func authenticate(
        header: String? = nil, form: [String: String] = [:], harness: OAuthHarness
    ) async throws(OAuthError) -> OAuthClient {
        let credentials = try ClientCredentials(authorizationHeader: header, form: FormParameters(form))
        return try await ClientAuthenticator(services: harness.services).authenticate(credentials, audience: harness.tokenEndpoint)
    }

    /// `Authorization: Basic` with both parts form-encoded first (RFC 6749 §2.3.1).
    private func basic(_ id: String, _ secret: String) -> String {
        "Basic " + Data("\(formEncode(id)):\(formEncode(secret))".utf8).base64EncodedString()
    }

    private func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~ ")
        return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text).replacingOccurrences(of: " ", with: "+")
    }

    @Test("a public client authenticates with its client_id alone", arguments: TestBackend.available)
    func publicClient(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await harness.client()
            let authenticated = try await authenticate(form: ["client_id": client.id.description], harness: harness)
            #expect(authenticated.id == client.id)
        }
    }

    @Test("client_secret_basic accepts the right secret", arguments: TestBackend.available)
    func basicAccepted(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await harness.client(authMethod: .clientSecretBasic, secret: "plain-secret")
            let authenticated = try await authenticate(header: basic(client.id.description, "plain-secret"), harness: harness)
            #expect(authenticated.id == client.id)
        }
    }

    @Test("client_secret_basic decodes percent-encoded credentials", arguments: TestBackend.available)
    func basicPercentEncoded(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await harness.client(authMethod: .clientSecretBasic, secret: Self.awkwardSecret)
            let header = basic(client.id.description, Self.awkwardSecret)
            #expect(header.contains("%") == false)  // the escapes are inside the base64
            let authenticated = try await authenticate(header: header, harness: harness)
            #expect(authenticated.id == client.id)
        }
    }

    @Test("client_secret_basic with the wrong secret is invalid_client", arguments: TestBackend.available)
    func basicWrongSecret(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await harness.client(authMethod: .clientSecretBasic, secret: "plain-secret")
            let error = await #expect(throws: OAuthError.self) {
                try await authenticate(header: basic(client.id.description, "guessed-secret"), harness: harness)
            }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("client_secret_post accepts the secret in the body", arguments: TestBackend.available)
    func postAccepted(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await harness.client(authMethod: .clientSecretPost, secret: Self.awkwardSecret)
            let authenticated = try await authenticate(
                form: ["client_id": client.id.description, "client_secret": Self.awkwardSecret], harness: harness)
            #expect(authenticated.id == client.id)
        }
    }

    @Test("client_secret_post with the wrong secret is invalid_client", arguments: TestBackend.available)
    func postWrongSecret(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await harness.client(authMethod: .clientSecretPost, secret: "plain-secret")
            let error = await #expect(throws: OAuthError.self) {
                try await authenticate(form: ["client_id": client.id.description, "client_secret": "nope"], harness: harness)
            }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("an unknown client is invalid_client", arguments: TestBackend.available)
    func unknownClient(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let error = await #expect(throws: OAuthError.self) {
                try await authenticate(form: ["client_id": ClientID(date: harness.clock.now()).description], harness: harness)
            }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("a client_secret_basic client sending its secret in the body is invalid_client", arguments: TestBackend.available)
    func basicClientUsingPost(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await harness.client(authMethod: .clientSecretBasic, secret: "plain-secret")
            let error = await #expect(throws: OAuthError.self) {
                try await authenticate(form: ["client_id": client.id.description, "client_secret": "plain-secret"], harness: harness)
            }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("a client_secret_post client using the Authorization header is invalid_client", arguments: TestBackend.available)
    func postClientUsingBasic(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await harness.client(authMethod: .clientSecretPost, secret: "plain-secret")
            let error = await #expect(throws: OAuthError.self) {
                try await authenticate(header: basic(client.id.description, "plain-secret"), harness: harness)
            }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("a confidential client sending only its client_id is invalid_client", arguments: TestBackend.available)
    func confidentialClientWithoutSecret(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await harness.client(authMethod: .clientSecretBasic, secret: "plain-secret")
            let error = await #expect(throws: OAuthError.self) {
                try await authenticate(form: ["client_id": client.id.description], harness: harness)
            }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("a client_secret_jwt client sending its secret directly is invalid_client", arguments: TestBackend.available)
    func jwtClientUsingBasic(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await harness.client(authMethod: .clientSecretJWT, secret: "plain-secret")
            let error = await #expect(throws: OAuthError.self) {
                try await authenticate(header: basic(client.id.description, "plain-secret"), harness: harness)
            }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("a public client presenting an assertion is invalid_client", arguments: TestBackend.available)
    func publicClientUsingAssertion(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await harness.client()
            let claims = TestAssertionClaims(clientID: client.id.description, audience: harness.tokenEndpoint, now: harness.clock.now())
            let jwt = try await hmacAssertion(claims, secret: String(repeating: "anything", count: 8))
            let error = await #expect(throws: OAuthError.self) {
                try await authenticate(
                    form: ["client_assertion": jwt, "client_assertion_type": ClientCredentials.jwtBearerAssertionType],
                    harness: harness)
            }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("a client_secret_jwt client authenticates with an assertion read from the form", arguments: TestBackend.available)
    func assertionFromForm(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await harness.client(authMethod: .clientSecretJWT, secret: String(repeating: "s", count: 64))
            let claims = TestAssertionClaims(clientID: client.id.description, audience: harness.tokenEndpoint, now: harness.clock.now())
            let jwt = try await hmacAssertion(claims, secret: String(repeating: "s", count: 64))
            let authenticated = try await authenticate(
                form: [
                    "client_id": client.id.description, "client_assertion": jwt,
                    "client_assertion_type": ClientCredentials.jwtBearerAssertionType,
                ],
                harness: harness)
            #expect(authenticated.id == client.id)
        }
    }
}
