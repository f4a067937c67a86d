/// `matrix`: the homeserver Sesame authenticates for.
public struct MatrixConfig: ConfigSection, Equatable {
    /// Homeserver implementation; only `synapse` is supported.
    public var kind: String
    /// The server name (the part after `:` in `@alice:example.com`).
    public var homeserver: String
    /// Where Sesame reaches the homeserver's `/_synapse/mas/*` API.
    public var endpoint: String
    /// The secret shared with the homeserver, in both directions.
    public var secret: String?
    /// A file holding the shared secret.
    public var secretFile: String?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, homeserver, endpoint, secret, secretFile = "secret_file"
    }

    /// A local Synapse on its default port.
    public static let `default` = MatrixConfig(kind: "synapse", homeserver: "localhost:8008", endpoint: "http://localhost:8008/", secret: nil, secretFile: nil)

    init(kind: String, homeserver: String, endpoint: String, secret: String?, secretFile: String?) {
        self.kind = kind
        self.homeserver = homeserver
        self.endpoint = endpoint
        self.secret = secret
        self.secretFile = secretFile
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(.kind, default: Self.default.kind)
        homeserver = try c.decode(.homeserver, default: Self.default.homeserver)
        endpoint = try c.decode(.endpoint, default: Self.default.endpoint)
        secret = try c.decodeIfPresent(String.self, forKey: .secret)
        secretFile = try c.decodeIfPresent(String.self, forKey: .secretFile)
    }
}
