import SesameModel

/// One static OAuth client from `clients`, synced into the database at start.
public struct ClientConfig: ConfigSection, Equatable {
    /// A ULID.
    public var clientID: String
    public var clientAuthMethod: ClientAuthMethod
    public var clientName: String?
    public var clientSecret: String?
    public var clientSecretFile: String?
    public var jwks: String?
    public var jwksURI: String?
    public var redirectURIs: [String]
    /// Grant types the client may use; defaults to authorization code, refresh and device code, plus
    /// client credentials for confidential clients. `password` is only ever enabled here.
    public var grantTypes: [GrantType]?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case clientID = "client_id", clientAuthMethod = "client_auth_method", clientName = "client_name"
        case clientSecret = "client_secret", clientSecretFile = "client_secret_file", jwks, jwksURI = "jwks_uri"
        case redirectURIs = "redirect_uris", grantTypes = "grant_types"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        clientID = try c.decode(String.self, forKey: .clientID)
        clientAuthMethod = try c.decode(ClientAuthMethod.self, forKey: .clientAuthMethod)
        clientName = try c.decodeIfPresent(String.self, forKey: .clientName)
        clientSecret = try c.decodeIfPresent(String.self, forKey: .clientSecret)
        clientSecretFile = try c.decodeIfPresent(String.self, forKey: .clientSecretFile)
        jwks = try c.decodeIfPresent(String.self, forKey: .jwks)
        jwksURI = try c.decodeIfPresent(String.self, forKey: .jwksURI)
        redirectURIs = try c.decode(.redirectURIs, default: [])
        grantTypes = try c.decodeIfPresent([GrantType].self, forKey: .grantTypes)
    }

    /// The grant types in force for this client.
    public var effectiveGrantTypes: Set<GrantType> {
        if let grantTypes { return Set(grantTypes) }
        var types: Set<GrantType> = [.authorizationCode, .refreshToken, .deviceCode]
        if clientAuthMethod != .none { types.insert(.clientCredentials) }
        return types
    }
}
