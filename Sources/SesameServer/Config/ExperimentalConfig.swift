/// `experimental`: MAS keeps token lifetimes and session expiry here; Sesame reads the same keys.
public struct ExperimentalConfig: ConfigSection, Equatable {
    /// Lifetime of OAuth access tokens, in seconds (MAS default 300).
    public var accessTokenTTL: Int
    /// Lifetime of compatibility access tokens issued with a refresh token, in seconds (MAS default 300).
    public var compatTokenTTL: Int
    /// Ending sessions nobody used for a while; off when absent.
    public var inactiveSessionExpiration: InactiveSessionExpirationConfig?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case accessTokenTTL = "access_token_ttl", compatTokenTTL = "compat_token_ttl"
        case inactiveSessionExpiration = "inactive_session_expiration"
    }

    /// MAS's defaults: five-minute tokens, sessions never expire.
    public static let `default` = ExperimentalConfig(accessTokenTTL: 300, compatTokenTTL: 300, inactiveSessionExpiration: nil)

    init(accessTokenTTL: Int, compatTokenTTL: Int, inactiveSessionExpiration: InactiveSessionExpirationConfig?) {
        self.accessTokenTTL = accessTokenTTL
        self.compatTokenTTL = compatTokenTTL
        self.inactiveSessionExpiration = inactiveSessionExpiration
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        accessTokenTTL = try c.decode(.accessTokenTTL, default: Self.default.accessTokenTTL)
        compatTokenTTL = try c.decode(.compatTokenTTL, default: Self.default.compatTokenTTL)
        inactiveSessionExpiration = try c.decodeIfPresent(InactiveSessionExpirationConfig.self, forKey: .inactiveSessionExpiration)
    }
}

/// `experimental.inactive_session_expiration` (MAS): sessions unused for `ttl` seconds end, and
/// the homeserver forgets their devices.
public struct InactiveSessionExpirationConfig: Codable, Sendable, Equatable {
    public var ttl: Int
    public var expireCompatSessions: Bool
    public var expireOAuthSessions: Bool
    public var expireUserSessions: Bool

    enum CodingKeys: String, CodingKey {
        case ttl, expireCompatSessions = "expire_compat_sessions", expireOAuthSessions = "expire_oauth_sessions"
        case expireUserSessions = "expire_user_sessions"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ttl = try c.decode(Int.self, forKey: .ttl)
        expireCompatSessions = try c.decode(.expireCompatSessions, default: true)
        expireOAuthSessions = try c.decode(.expireOAuthSessions, default: true)
        expireUserSessions = try c.decode(.expireUserSessions, default: true)
    }
}
