import Foundation
import JWTKit
import SesameModel
import SesameOAuth
import Testing

/// RFC 7523 §3 client assertions at the token endpoint: `client_secret_jwt` and `private_key_jwt`.
@Suite("Client assertions")
struct ClientAssertionTests {
    /// 64 characters: long enough for HS512 (RFC 7518 §3.2).
    static let secret = String(repeating: "0123456789abcdef", count: 4)

    /// Authenticates with `jwt` as a form would carry it, naming no client_id (the JWT's sub does).
    private func authenticate(
        _ jwt: String, harness: OAuthHarness, services: OAuthServices? = nil, audience: String? = nil
    ) async throws(OAuthError) -> OAuthClient {
        let credentials = ClientCredentials.assertion(clientID: nil, jwt: jwt)
        return try await ClientAuthenticator(services: services ?? harness.services)
            .authenticate(credentials, audience: audience ?? harness.tokenEndpoint)
    }

    private func secretClient(_ harness: OAuthHarness) async throws -> OAuthClient {
        try await harness.client(authMethod: .clientSecretJWT, secret: Self.secret)
    }

    private func claims(for client: OAuthClient, harness: OAuthHarness, audience: String? = nil) -> TestAssertionClaims {
        TestAssertionClaims(clientID: client.id.description, audience: audience ?? harness.tokenEndpoint, now: harness.clock.now())
    }

    // MARK: client_secret_jwt

    @Test("an HS256 assertion keyed with the client secret authenticates the client", arguments: TestBackend.available)
    func hmacAccepted(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await secretClient(harness)
            let jwt = try await hmacAssertion(claims(for: client, harness: harness), secret: Self.secret)
            let authenticated = try await authenticate(jwt, harness: harness)
            #expect(authenticated.id == client.id)
        }
    }

    @Test("an HS512 assertion is accepted too", arguments: TestBackend.available)
    func hmacSHA512Accepted(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await secretClient(harness)
            let jwt = try await hmacAssertion(claims(for: client, harness: harness), secret: Self.secret, digest: .sha512)
            let authenticated = try await authenticate(jwt, harness: harness)
            #expect(authenticated.id == client.id)
        }
    }

    @Test("an assertion keyed with the wrong secret is invalid_client", arguments: TestBackend.available)
    func hmacWrongSecret(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await secretClient(harness)
            let jwt = try await hmacAssertion(claims(for: client, harness: harness), secret: String(repeating: "wrong", count: 13))
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness) }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("a client secret shorter than the hash output cannot key an assertion (RFC 7518 §3.2)", arguments: TestBackend.available)
    func secretTooShortForHMAC(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let short = "sixteen-char-key"
            let client = try await harness.client(authMethod: .clientSecretJWT, secret: short)
            // jwt-kit refuses such a short key, so the token is made by hand.
            let jwt = try handMadeHS256(claims(for: client, harness: harness), secret: short)
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness) }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("the failure answer is generic and does not say which check failed", arguments: TestBackend.available)
    func genericDescription(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await secretClient(harness)
            var expired = claims(for: client, harness: harness)
            expired.exp = Int(harness.clock.now().timeIntervalSince1970) - 10
            let jwt = try await hmacAssertion(expired, secret: Self.secret)
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness) }
            #expect(error == .invalidClient("client authentication failed"))
        }
    }

    @Test("an unsigned alg=none assertion is invalid_client", arguments: TestBackend.available)
    func unsignedRefused(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await secretClient(harness)
            let jwt = try unsignedAssertion(claims(for: client, harness: harness))
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness) }
            #expect(error?.code == .invalidClient)
        }
    }

    // MARK: audiences

    @Test("the endpoint's own URL is an accepted audience", arguments: TestBackend.available)
    func audienceEndpoint(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await secretClient(harness)
            let endpoint = harness.settings.url("oauth2/introspect")
            let jwt = try await hmacAssertion(claims(for: client, harness: harness, audience: endpoint), secret: Self.secret)
            let authenticated = try await authenticate(jwt, harness: harness, audience: endpoint)
            #expect(authenticated.id == client.id)
        }
    }

    @Test("the issuer is an accepted audience", arguments: TestBackend.available)
    func audienceIssuer(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await secretClient(harness)
            let endpoint = harness.settings.url("oauth2/introspect")
            let jwt = try await hmacAssertion(claims(for: client, harness: harness, audience: harness.settings.issuer), secret: Self.secret)
            let authenticated = try await authenticate(jwt, harness: harness, audience: endpoint)
            #expect(authenticated.id == client.id)
        }
    }

    @Test("the token endpoint is an accepted audience at another endpoint", arguments: TestBackend.available)
    func audienceTokenEndpoint(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await secretClient(harness)
            let endpoint = harness.settings.url("oauth2/revoke")
            let jwt = try await hmacAssertion(claims(for: client, harness: harness, audience: harness.tokenEndpoint), secret: Self.secret)
            let authenticated = try await authenticate(jwt, harness: harness, audience: endpoint)
            #expect(authenticated.id == client.id)
        }
    }

    @Test("an assertion for another server is invalid_client", arguments: TestBackend.available)
    func wrongAudience(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await secretClient(harness)
            let jwt = try await hmacAssertion(
                claims(for: client, harness: harness, audience: "https://other.example.org/oauth2/token"), secret: Self.secret)
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness) }
            #expect(error?.code == .invalidClient)
        }
    }

    // MARK: issuer, subject and times

    @Test("an assertion whose iss is not the client is invalid_client", arguments: TestBackend.available)
    func wrongIssuer(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await secretClient(harness)
            var forged = claims(for: client, harness: harness)
            forged.iss = "someone-else"
            let jwt = try await hmacAssertion(forged, secret: Self.secret)
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness) }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("an assertion whose sub is not the client named in the form is invalid_client", arguments: TestBackend.available)
    func subjectMismatch(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await secretClient(harness)
            let other = try await secretClient(harness)
            var forged = claims(for: client, harness: harness)
            forged.sub = other.id.description
            let jwt = try await hmacAssertion(forged, secret: Self.secret)
            let credentials = ClientCredentials.assertion(clientID: client.id.description, jwt: jwt)
            let error = await #expect(throws: OAuthError.self) {
                try await ClientAuthenticator(services: harness.services).authenticate(credentials, audience: harness.tokenEndpoint)
            }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("an expired assertion is invalid_client, judged by Sesame's clock rather than the wall clock", arguments: TestBackend.available)
    func expired(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await secretClient(harness)
            // The harness clock runs in 2027, so this `exp` is still ahead of the real clock.
            var stale = claims(for: client, harness: harness)
            stale.exp = Int(harness.clock.now().timeIntervalSince1970) - 1
            let jwt = try await hmacAssertion(stale, secret: Self.secret)
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness) }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("an assertion without exp is invalid_client", arguments: TestBackend.available)
    func missingExpiry(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await secretClient(harness)
            var endless = claims(for: client, harness: harness)
            endless.exp = nil
            let jwt = try await hmacAssertion(endless, secret: Self.secret)
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness) }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("an assertion issued more than a minute in the future is invalid_client", arguments: TestBackend.available)
    func issuedInFuture(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await secretClient(harness)
            var early = claims(for: client, harness: harness)
            early.iat = Int(harness.clock.now().timeIntervalSince1970) + 120
            early.exp = early.iat.map { $0 + 60 }
            let jwt = try await hmacAssertion(early, secret: Self.secret)
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness) }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("a client clock up to a minute fast is tolerated", arguments: TestBackend.available)
    func smallSkewTolerated(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await secretClient(harness)
            var early = claims(for: client, harness: harness)
            early.iat = Int(harness.clock.now().timeIntervalSince1970) + 30
            early.nbf = early.iat
            let jwt = try await hmacAssertion(early, secret: Self.secret)
            let authenticated = try await authenticate(jwt, harness: harness)
            #expect(authenticated.id == client.id)
        }
    }

    @Test("an assertion not valid before a time more than a minute ahead is invalid_client", arguments: TestBackend.available)
    func notYetValid(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await secretClient(harness)
            var early = claims(for: client, harness: harness)
            early.nbf = Int(harness.clock.now().timeIntervalSince1970) + 120
            early.exp = early.nbf.map { $0 + 60 }
            let jwt = try await hmacAssertion(early, secret: Self.secret)
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness) }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("an assertion without jti is invalid_client", arguments: TestBackend.available)
    func missingJTI(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let client = try await secretClient(harness)
            var bare = claims(for: client, harness: harness)
            bare.jti = nil
            let jwt = try await hmacAssertion(bare, secret: Self.secret)
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness) }
            #expect(error?.code == .invalidClient)
        }
    }

    // MARK: private_key_jwt

    @Test("an RS256 assertion signed with a key in the client's jwks authenticates the client", arguments: TestBackend.available)
    func rsaAccepted(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let pair = try await ClientKeyPair.rsa()
            let client = try await harness.keyClient(jwks: pair.publicJWKS)
            let jwt = try await pair.sign(claims(for: client, harness: harness))
            let authenticated = try await authenticate(jwt, harness: harness)
            #expect(authenticated.id == client.id)
        }
    }

    @Test("a PS256 assertion is accepted", arguments: TestBackend.available)
    func pssAccepted(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let pair = try await ClientKeyPair.rsa(pss: true)
            let client = try await harness.keyClient(jwks: pair.publicJWKS)
            let jwt = try await pair.sign(claims(for: client, harness: harness))
            let authenticated = try await authenticate(jwt, harness: harness)
            #expect(authenticated.id == client.id)
        }
    }

    @Test("an ES256 assertion is accepted, with or without a kid", arguments: TestBackend.available)
    func ecAccepted(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let pair = try await ClientKeyPair.p256()
            let client = try await harness.keyClient(jwks: pair.publicJWKS)
            let withKID = try await pair.sign(claims(for: client, harness: harness))
            let withoutKID = try await pair.sign(claims(for: client, harness: harness), kid: nil)
            #expect(try await authenticate(withKID, harness: harness).id == client.id)
            #expect(try await authenticate(withoutKID, harness: harness).id == client.id)
        }
    }

    @Test("an EdDSA assertion is accepted", arguments: TestBackend.available)
    func edDSAAccepted(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let pair = try await ClientKeyPair.ed25519()
            let client = try await harness.keyClient(jwks: pair.publicJWKS)
            let jwt = try await pair.sign(claims(for: client, harness: harness))
            let authenticated = try await authenticate(jwt, harness: harness)
            #expect(authenticated.id == client.id)
        }
    }

    @Test("a key with use enc is not used to verify assertions", arguments: TestBackend.available)
    func encryptionKeyIgnored(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let pair = try await ClientKeyPair.p256()
            let encryptionOnly = pair.publicJWKS.replacingOccurrences(of: #""kty":"EC""#, with: #""kty":"EC","use":"enc""#)
            try #require(encryptionOnly.contains(#""use":"enc""#))
            let client = try await harness.keyClient(jwks: encryptionOnly)
            let jwt = try await pair.sign(claims(for: client, harness: harness))
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness) }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("an assertion signed by a key the client did not register is invalid_client", arguments: TestBackend.available)
    func wrongKey(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let registered = try await ClientKeyPair.p256()
            let stranger = try await ClientKeyPair.p256()
            let client = try await harness.keyClient(jwks: registered.publicJWKS)
            let jwt = try await stranger.sign(claims(for: client, harness: harness))
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness) }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("an assertion naming a kid the client does not have is invalid_client", arguments: TestBackend.available)
    func unknownKID(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let pair = try await ClientKeyPair.p256()
            let client = try await harness.keyClient(jwks: pair.publicJWKS)
            let jwt = try await pair.sign(claims(for: client, harness: harness), kid: "another-key")
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness) }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("a key registered for RS256 does not verify a PS256 assertion", arguments: TestBackend.available)
    func keyAlgorithmPinned(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let pair = try await ClientKeyPair.rsa(pss: true, jwkAlgorithm: "RS256")
            let client = try await harness.keyClient(jwks: pair.publicJWKS)
            let jwt = try await pair.sign(claims(for: client, harness: harness))
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness) }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("an HMAC assertion keyed with the client's public key is refused for a private_key_jwt client", arguments: TestBackend.available)
    func algorithmConfusionRefused(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let pair = try await ClientKeyPair.rsa()
            let client = try await harness.keyClient(jwks: pair.publicJWKS)
            let jwt = try await hmacAssertion(claims(for: client, harness: harness), secret: pair.publicJWKS)
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness) }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("a signed assertion past its exp is invalid_client", arguments: TestBackend.available)
    func signedExpired(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let pair = try await ClientKeyPair.p256()
            let client = try await harness.keyClient(jwks: pair.publicJWKS)
            let jwt = try await pair.sign(claims(for: client, harness: harness))
            harness.clock.advance(by: 120)
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness) }
            #expect(error?.code == .invalidClient)
        }
    }

    @Test("keys are fetched from the client's jwks_uri", arguments: TestBackend.available)
    func jwksURIAccepted(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let pair = try await ClientKeyPair.p256()
            let uri = "https://app.example.com/jwks.json"
            let services = harness.services.with(jwksFetcher: InMemoryJWKSFetcher(documents: [uri: pair.publicJWKS]))
            let client = try await harness.keyClient(jwksURI: uri)
            let jwt = try await pair.sign(claims(for: client, harness: harness))
            let authenticated = try await authenticate(jwt, harness: harness, services: services)
            #expect(authenticated.id == client.id)
        }
    }

    @Test("a jwks_uri that cannot be fetched is invalid_client", arguments: TestBackend.available)
    func jwksURIUnreachable(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { harness in
            let pair = try await ClientKeyPair.p256()
            let services = harness.services.with(jwksFetcher: InMemoryJWKSFetcher(documents: [:]))
            let client = try await harness.keyClient(jwksURI: "https://app.example.com/jwks.json")
            let jwt = try await pair.sign(claims(for: client, harness: harness))
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, harness: harness, services: services) }
            #expect(error?.code == .invalidClient)
        }
    }
}
