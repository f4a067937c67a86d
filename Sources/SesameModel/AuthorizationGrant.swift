import Foundation

/// How the authorization response is delivered (OAuth 2.0 Multiple Response Types, Form Post).
public enum ResponseMode: String, Sendable, CaseIterable, Codable {
    case query, fragment
    case formPost = "form_post"
}

/// A PKCE code challenge (RFC 7636); only S256 is accepted, so the method is implied.
public struct PKCEChallenge: Hashable, Sendable {
    /// BASE64URL(SHA256(code_verifier)).
    public var challenge: String

    /// Creates a challenge value.
    public init(challenge: String) { self.challenge = challenge }
}

/// OIDC Core §3.1.2.1 `prompt` values, plus `create` (Initiating User Registration via OpenID Connect).
public enum AuthorizationPrompt: String, Sendable, CaseIterable, Codable {
    case none, login, consent, create
    case selectAccount = "select_account"
}

/// Where an authorization request stands: waiting for the user, approved, used, or abandoned.
public enum AuthorizationGrantState: Hashable, Sendable {
    case pending
    case fulfilled(sessionID: OAuthSessionID, fulfilledAt: Date)
    case exchanged(sessionID: OAuthSessionID, fulfilledAt: Date, exchangedAt: Date)
    case cancelled(cancelledAt: Date)
}

/// An authorization request (`/authorize`) and the code it yields.
public struct AuthorizationGrant: Hashable, Sendable {
    public var id: AuthorizationGrantID
    public var clientID: ClientID
    /// The redirect URI the request named (already checked against the client's registration).
    public var redirectURI: String
    public var scope: Scope
    public var state: String?
    public var nonce: String?
    public var responseMode: ResponseMode
    public var pkce: PKCEChallenge?
    /// OIDC `max_age` in seconds.
    public var maxAge: Int?
    public var loginHint: String?
    /// The `sub` of a verified `id_token_hint`: only this user may answer the request.
    public var expectedSubject: String?
    /// Whether the user must be shown the consent page even if they consented before.
    public var requiresConsent: Bool
    /// What the client asked of the login and consent steps.
    public var prompt: Set<AuthorizationPrompt>
    public var createdAt: Date
    public var status: AuthorizationGrantState

    /// Creates a grant value.
    public init(
        id: AuthorizationGrantID, clientID: ClientID, redirectURI: String, scope: Scope, state: String? = nil,
        nonce: String? = nil, responseMode: ResponseMode = .query, pkce: PKCEChallenge? = nil, maxAge: Int? = nil,
        loginHint: String? = nil, requiresConsent: Bool = false, prompt: Set<AuthorizationPrompt> = [], createdAt: Date,
        status: AuthorizationGrantState = .pending, expectedSubject: String? = nil
    ) {
        self.id = id
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.scope = scope
        self.state = state
        self.nonce = nonce
        self.responseMode = responseMode
        self.pkce = pkce
        self.maxAge = maxAge
        self.loginHint = loginHint
        self.requiresConsent = requiresConsent
        self.prompt = prompt
        self.createdAt = createdAt
        self.status = status
        self.expectedSubject = expectedSubject
    }
}
