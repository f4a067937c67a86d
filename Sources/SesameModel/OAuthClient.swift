import Foundation

/// How a client proves its identity at the token endpoint (RFC 7591 `token_endpoint_auth_method`).
public enum ClientAuthMethod: String, Sendable, CaseIterable, Codable {
    case none
    case clientSecretBasic = "client_secret_basic"
    case clientSecretPost = "client_secret_post"
    case clientSecretJWT = "client_secret_jwt"
    case privateKeyJWT = "private_key_jwt"
}

/// The OAuth grant types Sesame knows.
public enum GrantType: String, Sendable, CaseIterable, Codable {
    case authorizationCode = "authorization_code"
    case refreshToken = "refresh_token"
    case clientCredentials = "client_credentials"
    case deviceCode = "urn:ietf:params:oauth:grant-type:device_code"
    case password
}

/// RFC 7591 / OIDC registration `application_type`.
public enum ApplicationType: String, Sendable, CaseIterable, Codable {
    case web, native
}

/// A registered OAuth client: static (from the config file) or dynamic (RFC 7591).
public struct OAuthClient: Hashable, Sendable {
    public var id: ClientID
    /// True for clients declared in the config file; those are re-synced at start and never expire.
    public var isStatic: Bool
    public var clientName: String?
    public var clientURI: String?
    public var logoURI: String?
    public var tosURI: String?
    public var policyURI: String?
    /// Registered redirect URIs, matched exactly (loopback port aside).
    public var redirectURIs: [String]
    public var grantTypes: Set<GrantType>
    public var tokenEndpointAuthMethod: ClientAuthMethod
    /// The client secret encrypted at rest (needed in clear for `client_secret_jwt`); nil for public clients.
    public var encryptedClientSecret: String?
    /// The client's JWK set as JSON, for `private_key_jwt`.
    public var jwks: String?
    /// Where to fetch the client's JWK set, for `private_key_jwt`.
    public var jwksURI: String?
    public var applicationType: ApplicationType
    public var contacts: [String]
    /// Scopes this client may ever ask for; nil means the default policy applies.
    public var allowedScope: Scope?
    /// The JWS algorithm the client wants its ID tokens signed with (`RS256` when nil).
    public var idTokenSignedResponseAlg: String?
    public var createdAt: Date

    /// Creates a client value.
    public init(
        id: ClientID, isStatic: Bool = false, clientName: String? = nil, clientURI: String? = nil,
        logoURI: String? = nil, tosURI: String? = nil, policyURI: String? = nil, redirectURIs: [String] = [],
        grantTypes: Set<GrantType> = [.authorizationCode, .refreshToken],
        tokenEndpointAuthMethod: ClientAuthMethod = .none, encryptedClientSecret: String? = nil,
        jwks: String? = nil, jwksURI: String? = nil, applicationType: ApplicationType = .web,
        contacts: [String] = [], allowedScope: Scope? = nil, idTokenSignedResponseAlg: String? = nil, createdAt: Date
    ) {
        self.id = id
        self.isStatic = isStatic
        self.clientName = clientName
        self.clientURI = clientURI
        self.logoURI = logoURI
        self.tosURI = tosURI
        self.policyURI = policyURI
        self.redirectURIs = redirectURIs
        self.grantTypes = grantTypes
        self.tokenEndpointAuthMethod = tokenEndpointAuthMethod
        self.encryptedClientSecret = encryptedClientSecret
        self.jwks = jwks
        self.jwksURI = jwksURI
        self.applicationType = applicationType
        self.contacts = contacts
        self.allowedScope = allowedScope
        self.idTokenSignedResponseAlg = idTokenSignedResponseAlg
        self.createdAt = createdAt
    }

    /// Public clients hold no secret and must use PKCE.
    public var isPublic: Bool { tokenEndpointAuthMethod == .none }
}
