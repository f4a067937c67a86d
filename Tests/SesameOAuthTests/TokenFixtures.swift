import Foundation
import JWTKit
import SesameCrypto
import SesameModel
import SesameOAuth
import SesameStorage

/// Setup shared by the token-side tests: approved codes and sessions as the web flow would leave
/// them, tokens minted straight into storage, and signature-only reading of ID tokens. Namespaced so
/// it cannot collide with other test files' helpers.
enum TokenFixtures {
    /// The secret given to confidential test clients.
    static let secret = "a-client-secret-for-tests"
    /// The shared secret the test homeserver presents.
    static let homeserverSecret = "homeserver-shared-secret"
    /// A PKCE verifier of the legal length.
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"

    /// What the web flow leaves behind when a user approves an authorization request.
    struct ApprovedCode {
        let code: String
        let grant: AuthorizationGrant
        let session: OAuthSession
        let browserSession: BrowserSession
    }

    /// Adds an authorization grant, the OAuth session the approval creates, and marks it fulfilled
    /// with the hash of a freshly minted code, as the consent page does.
    static func approvedCode(
        _ h: OAuthHarness, client: OAuthClient, user: User, scope: Scope = ["openid", MatrixScope.api],
        challengeFor verifier: String? = nil, nonce: String? = "n-0S6_WzA2Mj", redirectURI: String = "https://app.example.com/callback"
    ) async throws -> ApprovedCode {
        let browserSession = try await h.browserSession(for: user)
        let now = h.clock.now()
        let code = String((0..<32).map { _ in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".randomElement()! })
        let grant = AuthorizationGrant(
            id: AuthorizationGrantID(date: now), clientID: client.id, redirectURI: redirectURI, scope: scope, state: "xyz",
            nonce: nonce, pkce: verifier.map { PKCEChallenge(challenge: PKCE.challenge(for: $0)) }, createdAt: now
        )
        let session = OAuthSession(
            id: OAuthSessionID(date: now), clientID: client.id, userID: user.id, browserSessionID: browserSession.id, scope: scope, createdAt: now
        )
        try await h.storage.transaction { repositories in
            try await repositories.authorizationGrants.add(grant, codeHash: nil)
            try await repositories.oauthSessions.add(session)
            _ = try await repositories.authorizationGrants.fulfill(id: grant.id, sessionID: session.id, codeHash: TokenHash(of: code).hex, at: now)
        }
        return ApprovedCode(code: code, grant: grant, session: session, browserSession: browserSession)
    }

    /// The form a client posts to exchange `approved`'s code.
    static func codeForm(_ approved: ApprovedCode, verifier: String? = nil) -> FormParameters {
        var pairs = ["grant_type": "authorization_code", "code": approved.code, "redirect_uri": approved.grant.redirectURI]
        pairs["code_verifier"] = verifier
        return FormParameters(pairs)
    }

    /// An OAuth session for `user` (nil: acting as the client), stored.
    static func session(_ h: OAuthHarness, client: OAuthClient, user: User?, scope: Scope = [MatrixScope.api, "urn:matrix:client:device:PHONE"]) async throws -> OAuthSession {
        let now = h.clock.now()
        let session = OAuthSession(id: OAuthSessionID(date: now), clientID: client.id, userID: user?.id, scope: scope, createdAt: now)
        try await h.storage.transaction { try await $0.oauthSessions.add(session) }
        return session
    }

    /// Mints a token pair for `session` straight into storage, as a previous token response would have.
    static func tokens(_ h: OAuthHarness, for session: OAuthSession, refresh: Bool = true) async throws -> IssuedTokens {
        let now = h.clock.now()
        return try await h.storage.transaction { try await TokenIssuer(settings: h.settings).issue(for: session, withRefreshToken: refresh, at: now, in: $0) }
    }

    /// Credentials of a public client.
    static func publicCredentials(_ client: OAuthClient) -> ClientCredentials { .none(clientID: client.id.description) }

    /// Credentials of a confidential client created with ``secret``.
    static func secretCredentials(_ client: OAuthClient) -> ClientCredentials { .basic(clientID: client.id.description, secret: secret) }

    /// The error of a failed answer, nil for a success.
    static func failure<T>(of result: Result<T, OAuthError>) -> OAuthError? {
        guard case .failure(let error) = result else { return nil }
        return error
    }

    /// Reads an ID token after checking only its signature: the test clock runs in 2027, so a
    /// wall-clock expiry check would say nothing about the code under test.
    static func idTokenClaims(_ h: OAuthHarness, _ jwt: String) async throws -> IDTokenClaims {
        try await h.services.signingKeys.verify(jwt, as: SignatureOnly.self).claims
    }

    /// The `alg` in a JWT's header.
    static func algorithm(of jwt: String) throws -> String? {
        var base64 = String(jwt.split(separator: ".")[0]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let header = try JSONSerialization.jsonObject(with: Data(base64Encoded: base64) ?? Data()) as? [String: Any]
        return header?["alg"] as? String
    }

    private struct SignatureOnly: JWTPayload {
        let claims: IDTokenClaims
        init(from decoder: any Decoder) throws { claims = try IDTokenClaims(from: decoder) }
        func encode(to encoder: any Encoder) throws { try claims.encode(to: encoder) }
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }
}
