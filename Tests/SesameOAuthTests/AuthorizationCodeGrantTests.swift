import Crypto
import Foundation
import JWTKit
import SesameCrypto
import SesameModel
import SesameOAuth
import SesameStorage
import Testing

@Suite("Token endpoint: authorization_code grant")
struct AuthorizationCodeGrantTests {
    private typealias F = TokenFixtures

    @Test("an approved code is exchanged for an access token, a refresh token and an ID token", arguments: TestBackend.available)
    func exchange(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let approved = try await F.approvedCode(h, client: client, user: try await h.user())
            let response = try await TokenEndpoint(services: h.services).handle(form: F.codeForm(approved), credentials: F.publicCredentials(client)).get()
            #expect(try TokenKind.parse(response.accessToken) == .accessToken)
            #expect(try TokenKind.parse(try #require(response.refreshToken)) == .refreshToken)
            #expect(response.tokenType == "Bearer")
            #expect(response.expiresIn == 300)
            #expect(response.scope == "openid urn:matrix:client:api:*")
            #expect(response.idToken != nil)
        }
    }

    @Test("the ID token is signed by the server and names issuer, user, client, nonce, auth_time and at_hash", arguments: TestBackend.available)
    func idTokenClaims(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let alice = try await h.user()
            let approved = try await F.approvedCode(h, client: client, user: alice, nonce: "n-0S6_WzA2Mj")
            let authenticatedAt = try #require(try await h.storage.read { try await $0.browserSessions.lastAuthentication(in: approved.browserSession.id) }).createdAt
            let response = try await TokenEndpoint(services: h.services).handle(form: F.codeForm(approved), credentials: F.publicCredentials(client)).get()
            let idToken = try #require(response.idToken)
            let claims = try await F.idTokenClaims(h, idToken)
            #expect(claims.iss.value == "https://auth.example.com/")
            #expect(claims.sub.value == alice.id.description)
            #expect(claims.aud.value == [client.id.description])
            #expect(claims.nonce == "n-0S6_WzA2Mj")
            #expect(claims.authTime == Int(authenticatedAt.timeIntervalSince1970.rounded(.down)))
            #expect(claims.exp.value.timeIntervalSince(claims.iat.value) == 300)
            #expect(claims.iat.value.timeIntervalSince1970 == claims.iat.value.timeIntervalSince1970.rounded(.down))
            #expect(try F.algorithm(of: idToken) == "RS256")
            // OIDC Core §3.3.2.11: base64url of the left half of SHA-256 of the access token.
            let digest = Array(SHA256Digest.of(response.accessToken).prefix(16))
            #expect(claims.atHash == Data(digest).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: ""))
        }
    }

    @Test("a client registered for ES256 ID tokens gets them signed with ES256", arguments: TestBackend.available)
    func es256IDToken(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let now = h.clock.now()
            let client = OAuthClient(
                id: ClientID(date: now), redirectURIs: ["https://app.example.com/callback"], idTokenSignedResponseAlg: "ES256", createdAt: now
            )
            try await h.storage.transaction { try await $0.oauthClients.add(client) }
            let approved = try await F.approvedCode(h, client: client, user: try await h.user())
            let response = try await TokenEndpoint(services: h.services).handle(form: F.codeForm(approved), credentials: F.publicCredentials(client)).get()
            let idToken = try #require(response.idToken)
            #expect(try F.algorithm(of: idToken) == "ES256")
            _ = try await F.idTokenClaims(h, idToken)
        }
    }

    @Test("without openid in the scope there is no ID token", arguments: TestBackend.available)
    func noOpenID(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let approved = try await F.approvedCode(h, client: client, user: try await h.user(), scope: [MatrixScope.api])
            let response = try await TokenEndpoint(services: h.services).handle(form: F.codeForm(approved), credentials: F.publicCredentials(client)).get()
            #expect(response.idToken == nil)
        }
    }

    @Test("a client not registered for refresh_token gets no refresh token", arguments: TestBackend.available)
    func noRefreshToken(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client(grantTypes: [.authorizationCode])
            let approved = try await F.approvedCode(h, client: client, user: try await h.user())
            let response = try await TokenEndpoint(services: h.services).handle(form: F.codeForm(approved), credentials: F.publicCredentials(client)).get()
            #expect(response.refreshToken == nil)
        }
    }

    @Test("a confidential client authenticates with its secret to exchange the code", arguments: TestBackend.available)
    func confidentialClient(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client(authMethod: .clientSecretBasic, secret: F.secret)
            let approved = try await F.approvedCode(h, client: client, user: try await h.user())
            let result = await TokenEndpoint(services: h.services).handle(form: F.codeForm(approved), credentials: F.secretCredentials(client))
            #expect(F.failure(of: result) == nil)
        }
    }

    @Test("using a code a second time is invalid_grant and revokes the tokens the first use got", arguments: TestBackend.available)
    func codeReuse(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let approved = try await F.approvedCode(h, client: client, user: try await h.user())
            let endpoint = TokenEndpoint(services: h.services)
            let first = try await endpoint.handle(form: F.codeForm(approved), credentials: F.publicCredentials(client)).get()
            let second = await endpoint.handle(form: F.codeForm(approved), credentials: F.publicCredentials(client))
            #expect(F.failure(of: second)?.code == .invalidGrant)
            #expect(F.failure(of: second)?.errorDescription.contains("already used") == true)
            #expect(await AccessTokenValidator(services: h.services).validate(first.accessToken) == nil)
            let refresh = try await h.storage.read { try await $0.refreshTokens.find(tokenHash: TokenHash(of: first.refreshToken!).hex) }
            #expect(refresh?.revokedAt != nil)
            let session = try await h.storage.read { try await $0.oauthSessions.find(id: approved.session.id) }
            #expect(session?.isActive == false)
        }
    }

    @Test("a code is refused to a client other than the one it was issued to", arguments: TestBackend.available)
    func otherClient(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let intruder = try await h.client()
            let approved = try await F.approvedCode(h, client: client, user: try await h.user())
            let result = await TokenEndpoint(services: h.services).handle(form: F.codeForm(approved), credentials: F.publicCredentials(intruder))
            #expect(F.failure(of: result)?.code == .invalidGrant)
        }
    }

    @Test("a redirect_uri different from the authorization request's is invalid_grant", arguments: TestBackend.available)
    func redirectMismatch(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let approved = try await F.approvedCode(h, client: client, user: try await h.user())
            let form = FormParameters(["grant_type": "authorization_code", "code": approved.code, "redirect_uri": "https://app.example.com/other"])
            let result = await TokenEndpoint(services: h.services).handle(form: form, credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidGrant)
            #expect(F.failure(of: result)?.errorDescription.contains("redirect_uri") == true)
        }
    }

    @Test("a missing redirect_uri is invalid_request", arguments: TestBackend.available)
    func redirectMissing(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let approved = try await F.approvedCode(h, client: client, user: try await h.user())
            let form = FormParameters(["grant_type": "authorization_code", "code": approved.code])
            let result = await TokenEndpoint(services: h.services).handle(form: form, credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidRequest)
        }
    }

    @Test("a code exchanged after its lifetime is invalid_grant: expired", arguments: TestBackend.available)
    func expiredCode(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let approved = try await F.approvedCode(h, client: client, user: try await h.user())
            h.clock.advance(by: h.settings.authorizationCodeLifetime + 1)
            let result = await TokenEndpoint(services: h.services).handle(form: F.codeForm(approved), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result) == .invalidGrant("the authorization code has expired"))
        }
    }

    @Test("an unknown code is invalid_grant", arguments: TestBackend.available)
    func unknownCode(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let form = FormParameters(["grant_type": "authorization_code", "code": "no-such-code", "redirect_uri": "https://app.example.com/callback"])
            let result = await TokenEndpoint(services: h.services).handle(form: form, credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidGrant)
        }
    }

    @Test("with PKCE, the right code_verifier gets the tokens", arguments: TestBackend.available)
    func pkceRightVerifier(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let approved = try await F.approvedCode(h, client: client, user: try await h.user(), challengeFor: F.verifier)
            let result = await TokenEndpoint(services: h.services).handle(form: F.codeForm(approved, verifier: F.verifier), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result) == nil)
        }
    }

    @Test("with PKCE, a wrong code_verifier is invalid_grant", arguments: TestBackend.available)
    func pkceWrongVerifier(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let approved = try await F.approvedCode(h, client: client, user: try await h.user(), challengeFor: F.verifier)
            let wrong = String(F.verifier.reversed())
            let result = await TokenEndpoint(services: h.services).handle(form: F.codeForm(approved, verifier: wrong), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidGrant)
            #expect(F.failure(of: result)?.errorDescription.contains("code_verifier") == true)
        }
    }

    @Test("with PKCE, a missing code_verifier is invalid_grant", arguments: TestBackend.available)
    func pkceMissingVerifier(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let approved = try await F.approvedCode(h, client: client, user: try await h.user(), challengeFor: F.verifier)
            let result = await TokenEndpoint(services: h.services).handle(form: F.codeForm(approved), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidGrant)
        }
    }

    @Test("a code_verifier for a request that had no code_challenge is refused (PKCE downgrade)", arguments: TestBackend.available)
    func verifierWithoutChallenge(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let approved = try await F.approvedCode(h, client: client, user: try await h.user())
            let result = await TokenEndpoint(services: h.services).handle(form: F.codeForm(approved, verifier: F.verifier), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidGrant)
        }
    }

    @Test("a failed PKCE check leaves the code usable with the right verifier", arguments: TestBackend.available)
    func pkceFailureDoesNotSpendCode(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let approved = try await F.approvedCode(h, client: client, user: try await h.user(), challengeFor: F.verifier)
            let endpoint = TokenEndpoint(services: h.services)
            _ = await endpoint.handle(form: F.codeForm(approved, verifier: String(F.verifier.reversed())), credentials: F.publicCredentials(client))
            let retry = await endpoint.handle(form: F.codeForm(approved, verifier: F.verifier), credentials: F.publicCredentials(client))
            #expect(F.failure(of: retry) == nil)
        }
    }

    @Test("a code approved by a user who was locked since is invalid_grant", arguments: TestBackend.available)
    func lockedUser(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let approved = try await F.approvedCode(h, client: client, user: try await h.user("alice"))
            try await h.accounts.setLocked(username: "alice", true)
            let result = await TokenEndpoint(services: h.services).handle(form: F.codeForm(approved), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result) == .invalidGrant("the account alice is locked"))
        }
    }
}

/// SHA-256 for the at_hash expectation, computed independently of the code under test.
private enum SHA256Digest {
    static func of(_ text: String) -> [UInt8] {
        Array(Crypto.SHA256.hash(data: Data(text.utf8)))
    }
}
