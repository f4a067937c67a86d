import Foundation

/// An introspection answer (RFC 7662 §2.2) in the shape Synapse reads. Absent fields are left out,
/// so an inactive token is exactly `{"active": false}`.
public struct IntrospectionResponse: Codable, Sendable, Equatable {
    public var active: Bool
    /// Space-separated, with every Matrix scope in both its stable and unstable spelling.
    public var scope: String?
    public var clientID: String?
    /// The Matrix localpart of the user the token acts for.
    public var username: String?
    /// The user's stable ID.
    public var sub: String?
    /// `access_token` or `refresh_token`.
    public var tokenType: String?
    /// Expiry, in seconds since 1970.
    public var exp: Int?
    /// Issue time, in seconds since 1970.
    public var iat: Int?
    /// Whole seconds left, which Synapse uses to bound its cache.
    public var expiresIn: Int?
    /// The Matrix device the token is for.
    public var deviceID: String?

    enum CodingKeys: String, CodingKey {
        case active, scope, username, sub, exp, iat
        case clientID = "client_id", tokenType = "token_type", expiresIn = "expires_in", deviceID = "device_id"
    }

    /// Creates an answer.
    public init(
        active: Bool, scope: String? = nil, clientID: String? = nil, username: String? = nil, sub: String? = nil,
        tokenType: String? = nil, exp: Int? = nil, iat: Int? = nil, expiresIn: Int? = nil, deviceID: String? = nil
    ) {
        self.active = active
        self.scope = scope
        self.clientID = clientID
        self.username = username
        self.sub = sub
        self.tokenType = tokenType
        self.exp = exp
        self.iat = iat
        self.expiresIn = expiresIn
        self.deviceID = deviceID
    }

    /// The answer for every token that is unknown, expired, revoked or otherwise unusable (RFC 7662 §2.2).
    public static let inactive = IntrospectionResponse(active: false)
}
