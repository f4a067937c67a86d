import Foundation
import SesameModel

/// An authorization request that passed every check: typed values only, ready to become a grant.
public struct ValidatedAuthorizationRequest: Sendable {
    public let client: OAuthClient
    /// Where the answer goes, and in which mode.
    public let target: AuthorizationResponseTarget
    public let scope: Scope
    public let nonce: String?
    public let pkce: PKCEChallenge?
    public let prompt: Set<AuthorizationPrompt>
    /// OIDC `max_age` in seconds.
    public let maxAge: Int?
    /// The username the client suggested (from `login_hint`), for prefilling the login form.
    public let loginHint: String?
    /// The `sub` of a verified `id_token_hint`: the user the client expects to be signed in.
    public let expectedSubject: String?

    /// Creates a validated request; only the validator and tests build these.
    public init(
        client: OAuthClient, target: AuthorizationResponseTarget, scope: Scope, nonce: String? = nil,
        pkce: PKCEChallenge? = nil, prompt: Set<AuthorizationPrompt> = [], maxAge: Int? = nil,
        loginHint: String? = nil, expectedSubject: String? = nil
    ) {
        self.client = client
        self.target = target
        self.scope = scope
        self.nonce = nonce
        self.pkce = pkce
        self.prompt = prompt
        self.maxAge = maxAge
        self.loginHint = loginHint
        self.expectedSubject = expectedSubject
    }

    /// The pending grant that records this request while the user signs in and decides.
    public func makeGrant(id: AuthorizationGrantID, at date: Date) -> AuthorizationGrant {
        AuthorizationGrant(
            id: id, clientID: client.id, redirectURI: target.redirectURI, scope: scope, state: target.state,
            nonce: nonce, responseMode: target.responseMode, pkce: pkce, maxAge: maxAge, loginHint: loginHint,
            requiresConsent: prompt.contains(.consent), prompt: prompt, createdAt: date, expectedSubject: expectedSubject
        )
    }
}
