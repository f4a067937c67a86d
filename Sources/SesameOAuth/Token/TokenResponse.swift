/// A successful token endpoint answer (RFC 6749 §5.1; OIDC Core §3.1.3.3 adds `id_token`).
public struct TokenResponse: Codable, Sendable, Equatable {
    public var accessToken: String
    public var tokenType: String = "Bearer"
    public var expiresIn: Int?
    public var refreshToken: String?
    public var scope: String
    public var idToken: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in"
        case refreshToken = "refresh_token", scope, idToken = "id_token"
    }

    /// Creates a response.
    public init(accessToken: String, expiresIn: Int?, refreshToken: String?, scope: String, idToken: String? = nil) {
        self.accessToken = accessToken
        self.expiresIn = expiresIn
        self.refreshToken = refreshToken
        self.scope = scope
        self.idToken = idToken
    }
}
