import Foundation
import JWTKit
import SesameModel
import SesameOAuth
import Testing

/// What client authentication remembers between requests: used assertion IDs and fetched key sets.
@Suite("Client assertion memory")
struct ClientAssertionMemoryTests {
    static let secret = String(repeating: "0123456789abcdef", count: 4)
    static let uri = "https://app.example.com/jwks.json"

    private func authenticate(_ jwt: String, services: OAuthServices, audience: String) async throws(OAuthError) -> OAuthClient {
        try await ClientAuthenticator(services: services).authenticate(.assertion(clientID: nil, jwt: jwt), audience: audience)
    }

    @Test("an assertion is accepted once: the same jti again is invalid_client until it expires", arguments: TestBackend.available)
    func replayRefused(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client(authMethod: .clientSecretJWT, secret: Self.secret)
            let claims = TestAssertionClaims(clientID: client.id.description, audience: h.tokenEndpoint, now: h.clock.now())
            let jwt = try await hmacAssertion(claims, secret: Self.secret)
            _ = try await authenticate(jwt, services: h.services, audience: h.tokenEndpoint)
            let error = await #expect(throws: OAuthError.self) { try await authenticate(jwt, services: h.services, audience: h.tokenEndpoint) }
            #expect(error?.code == .invalidClient)
            // A fresh assertion (new jti) from the same client still works.
            let fresh = try await hmacAssertion(TestAssertionClaims(clientID: client.id.description, audience: h.tokenEndpoint, now: h.clock.now()), secret: Self.secret)
            #expect(try await authenticate(fresh, services: h.services, audience: h.tokenEndpoint).id == client.id)
        }
    }

    @Test("a refused assertion does not use up its jti")
    func refusedKeepsJTI() async throws {
        try await OAuthHarness.with { h in
            let client = try await h.client(authMethod: .clientSecretJWT, secret: Self.secret)
            let claims = TestAssertionClaims(clientID: client.id.description, audience: h.tokenEndpoint, now: h.clock.now())
            let wrongAudience = try await hmacAssertion(
                { var c = claims; c.aud = ["https://elsewhere.example/"]; return c }(), secret: Self.secret)
            _ = await #expect(throws: OAuthError.self) { try await authenticate(wrongAudience, services: h.services, audience: h.tokenEndpoint) }
            let good = try await hmacAssertion(claims, secret: Self.secret)
            #expect(try await authenticate(good, services: h.services, audience: h.tokenEndpoint).id == client.id)
        }
    }

    @Test("a client's jwks_uri is fetched once for several token requests", arguments: TestBackend.available)
    func keySetCached(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let pair = try await ClientKeyPair.p256()
            let fetcher = CountingJWKSFetcher(documents: [Self.uri: pair.publicJWKS])
            let services = h.services.with(jwksFetcher: fetcher)
            let client = try await h.keyClient(jwksURI: Self.uri)
            for _ in 0..<3 {
                let jwt = try await pair.sign(TestAssertionClaims(clientID: client.id.description, audience: h.tokenEndpoint, now: h.clock.now()))
                #expect(try await authenticate(jwt, services: services, audience: h.tokenEndpoint).id == client.id)
            }
            #expect(await fetcher.fetches == 1)
        }
    }

    @Test("after a client rotates its keys, the key set is fetched again (at most every 30 s)")
    func rotationRefetches() async throws {
        try await OAuthHarness.with { h in
            let old = try await ClientKeyPair.p256()
            let new = try await ClientKeyPair.p256()
            let fetcher = CountingJWKSFetcher(documents: [Self.uri: old.publicJWKS])
            let services = h.services.with(jwksFetcher: fetcher)
            let client = try await h.keyClient(jwksURI: Self.uri)
            let first = try await old.sign(TestAssertionClaims(clientID: client.id.description, audience: h.tokenEndpoint, now: h.clock.now()))
            _ = try await authenticate(first, services: services, audience: h.tokenEndpoint)
            await fetcher.publish(new.publicJWKS, at: Self.uri)
            // Too soon after the last fetch: the cached (old) set is all there is.
            let early = try await new.sign(TestAssertionClaims(clientID: client.id.description, audience: h.tokenEndpoint, now: h.clock.now()))
            _ = await #expect(throws: OAuthError.self) { try await authenticate(early, services: services, audience: h.tokenEndpoint) }
            h.clock.advance(by: 31)
            let later = try await new.sign(TestAssertionClaims(clientID: client.id.description, audience: h.tokenEndpoint, now: h.clock.now()))
            #expect(try await authenticate(later, services: services, audience: h.tokenEndpoint).id == client.id)
            #expect(await fetcher.fetches == 2)
        }
    }
}

/// Serves key sets from memory and counts fetches.
actor CountingJWKSFetcher: JWKSFetcher {
    private var documents: [String: String]
    private(set) var fetches = 0

    init(documents: [String: String]) { self.documents = documents }

    func publish(_ document: String, at uri: String) { documents[uri] = document }

    func fetchJWKS(_ uri: String) async throws -> String {
        fetches += 1
        guard let document = documents[uri] else { throw URLError(.fileDoesNotExist) }
        return document
    }
}
