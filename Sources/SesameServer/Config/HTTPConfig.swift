/// `http`: where Sesame listens and the URL clients reach it at.
public struct HTTPConfig: ConfigSection, Equatable {
    /// The public URL of Sesame, ending in `/`; endpoints and the issuer are built from it.
    public var publicBase: String
    /// The OIDC issuer; defaults to `public_base`.
    public var issuer: String?
    /// Sockets to listen on.
    public var listeners: [ListenerConfig]
    /// Proxies whose `X-Forwarded-For` is believed when recording client IPs.
    public var trustedProxies: [String]

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case publicBase = "public_base", issuer, listeners, trustedProxies = "trusted_proxies"
    }

    /// Serves on 127.0.0.1:8080.
    public static let `default` = HTTPConfig(
        publicBase: "http://127.0.0.1:8080/", issuer: nil,
        listeners: [ListenerConfig(name: "web", binds: [BindConfig(address: "127.0.0.1:8080")])],
        trustedProxies: ["127.0.0.1/8", "::1/128"]
    )

    init(publicBase: String, issuer: String?, listeners: [ListenerConfig], trustedProxies: [String]) {
        self.publicBase = publicBase
        self.issuer = issuer
        self.listeners = listeners
        self.trustedProxies = trustedProxies
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        publicBase = try c.decode(.publicBase, default: Self.default.publicBase)
        issuer = try c.decodeIfPresent(String.self, forKey: .issuer)
        listeners = try c.decode(.listeners, default: Self.default.listeners)
        trustedProxies = try c.decode(.trustedProxies, default: Self.default.trustedProxies)
    }

    /// Whether a listener enables the GraphQL playground (MAS: `resources: [{name: graphql, playground: true}]`).
    public var graphQLPlaygroundEnabled: Bool {
        listeners.contains { $0.resources?.contains { $0.name == "graphql" && $0.playground == true } ?? false }
    }

    /// The issuer actually used.
    public var effectiveIssuer: String { issuer ?? publicBase }
}

/// One listener: a name and the addresses it binds. MAS's `resources` list is accepted; Sesame
/// serves every resource on every listener.
public struct ListenerConfig: ConfigSection, Equatable {
    public var name: String
    public var binds: [BindConfig]
    public var resources: [ResourceConfig]?

    public enum CodingKeys: String, CodingKey, CaseIterable { case name, binds, resources }

    init(name: String, binds: [BindConfig], resources: [ResourceConfig]? = nil) {
        self.name = name
        self.binds = binds
        self.resources = resources
    }
}

/// A MAS listener resource entry (`- name: discovery`). Sesame serves every resource on every
/// listener; only `graphql`'s `playground: true` changes anything (it enables `/graphql/playground`).
public struct ResourceConfig: Codable, Sendable, Equatable {
    public var name: String
    public var playground: Bool?
}

/// A socket address: `address: "host:port"` (`[::]:8080` for IPv6) or `host` + `port`.
public struct BindConfig: Codable, Sendable, Equatable {
    public var address: String?
    public var host: String?
    public var port: Int?

    init(address: String) {
        self.address = address
    }

    /// The host and port to bind; nil when the entry names neither form.
    public var hostAndPort: (host: String, port: Int)? {
        if let host, let port { return (host, port) }
        if let port, address == nil { return ("0.0.0.0", port) }
        guard let address, let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) else { return nil }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }
}
