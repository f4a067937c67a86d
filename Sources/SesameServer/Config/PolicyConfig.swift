/// `policy`: yes/no decisions from data. MAS runs an OPA (WASM) module over `policy.data`; Sesame
/// implements the same decisions natively and reads the same `data` keys.
public struct PolicyConfig: ConfigSection, Equatable {
    public var data: PolicyData

    public enum CodingKeys: String, CodingKey, CaseIterable { case data }

    /// No admins, strict client registration.
    public static let `default` = PolicyConfig(data: .default)

    init(data: PolicyData) { self.data = data }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        data = try c.decode(.data, default: .default)
    }
}

/// `policy.data`.
public struct PolicyData: Codable, Sendable, Equatable {
    /// Usernames allowed to request admin scopes regardless of their database flag.
    public var adminUsers: [String]
    /// Client IDs whose client-credentials tokens may carry `urn:mas:admin` and `urn:synapse:admin:*`.
    public var adminClients: [String]
    public var clientRegistration: ClientRegistrationPolicy

    enum CodingKeys: String, CodingKey {
        case adminUsers = "admin_users", adminClients = "admin_clients", clientRegistration = "client_registration"
    }

    static let `default` = PolicyData(adminUsers: [], adminClients: [], clientRegistration: .default)

    init(adminUsers: [String], adminClients: [String], clientRegistration: ClientRegistrationPolicy) {
        self.adminUsers = adminUsers
        self.adminClients = adminClients
        self.clientRegistration = clientRegistration
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        adminUsers = try c.decode(.adminUsers, default: [])
        adminClients = try c.decode(.adminClients, default: [])
        clientRegistration = try c.decode(.clientRegistration, default: .default)
    }
}

/// `policy.data.client_registration`: relaxations of the MSC2966 registration rules, for development.
public struct ClientRegistrationPolicy: Codable, Sendable, Equatable {
    /// Accept `http:` and non-loopback redirect URIs.
    public var allowInsecureURIs: Bool
    /// Accept URIs on hosts other than `client_uri`'s.
    public var allowHostMismatch: Bool
    /// Accept registrations without `client_uri`.
    public var allowMissingClientURI: Bool

    enum CodingKeys: String, CodingKey {
        case allowInsecureURIs = "allow_insecure_uris", allowHostMismatch = "allow_host_mismatch"
        case allowMissingClientURI = "allow_missing_client_uri"
    }

    static let `default` = ClientRegistrationPolicy(allowInsecureURIs: false, allowHostMismatch: false, allowMissingClientURI: false)

    init(allowInsecureURIs: Bool, allowHostMismatch: Bool, allowMissingClientURI: Bool) {
        self.allowInsecureURIs = allowInsecureURIs
        self.allowHostMismatch = allowHostMismatch
        self.allowMissingClientURI = allowMissingClientURI
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        allowInsecureURIs = try c.decode(.allowInsecureURIs, default: false)
        allowHostMismatch = try c.decode(.allowHostMismatch, default: false)
        allowMissingClientURI = try c.decode(.allowMissingClientURI, default: false)
    }
}
