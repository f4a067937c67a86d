import Foundation

/// The answer to a successful `/login` (Matrix spec, "POST /_matrix/client/v3/login").
public struct CompatLoginResponse: Codable, Equatable, Sendable {
    /// The full Matrix user ID, `@alice:example.com`.
    public var userID: String
    /// An `mct_` access token.
    public var accessToken: String
    public var deviceID: String
    /// Deprecated by the spec but still read by old clients.
    public var homeServer: String
    /// An `mcr_` refresh token, only when the client asked for one.
    public var refreshToken: String?
    /// Lifetime of the access token, only when it expires.
    public var expiresInMs: Int?

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", accessToken = "access_token", deviceID = "device_id", homeServer = "home_server"
        case refreshToken = "refresh_token", expiresInMs = "expires_in_ms"
    }
}

/// The answer to `/refresh`: a new pair; the presented refresh token is spent.
public struct CompatRefreshResponse: Codable, Equatable, Sendable {
    public var accessToken: String
    public var refreshToken: String
    public var expiresInMs: Int

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", refreshToken = "refresh_token", expiresInMs = "expires_in_ms"
    }
}

/// `GET /login`: the login types offered.
public struct LoginFlows: Codable, Equatable, Sendable {
    public var flows: [LoginFlow]

    /// Creates the list.
    public init(flows: [LoginFlow]) { self.flows = flows }
}

/// One login type.
public struct LoginFlow: Codable, Equatable, Sendable {
    public var type: String
    /// MSC3824: tells clients that SSO here is really OAuth, so they should show a single button.
    public var delegatedOIDCCompatibility: Bool?

    enum CodingKeys: String, CodingKey {
        case type, delegatedOIDCCompatibility = "org.matrix.msc3824.delegated_oidc_compatibility"
    }

    /// Creates a flow.
    public init(type: String, delegatedOIDCCompatibility: Bool? = nil) {
        self.type = type
        self.delegatedOIDCCompatibility = delegatedOIDCCompatibility
    }
}

/// A token the CLI issued for an operator, with what it names.
public struct IssuedCompatibilityToken: Sendable, Equatable {
    /// The `mct_` access token; it does not expire.
    public var accessToken: String
    /// The full Matrix user ID.
    public var userID: String
    public var deviceID: String
    /// Whether Synapse treats the token as a server admin's.
    public var isSynapseAdmin: Bool
}
