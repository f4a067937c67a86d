/// `database`: where data lives.
public struct DatabaseConfig: ConfigSection, Equatable {
    /// `sqlite:PATH` or `postgresql://USER:PASSWORD@HOST:PORT/DB`; defaults to a SQLite file in the data folder.
    public var uri: String?
    /// MAS-style separate fields, used to build a PostgreSQL URI when `uri` is absent.
    public var host: String?
    public var port: Int?
    public var username: String?
    public var password: String?
    public var database: String?
    /// Size of the PostgreSQL connection pool.
    public var maxConnections: Int

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case uri, host, port, username, password, database
        case maxConnections = "max_connections"
    }

    /// SQLite in the data folder, a pool of 10 on PostgreSQL.
    public static let `default` = DatabaseConfig(maxConnections: 10)

    init(uri: String? = nil, maxConnections: Int) {
        self.uri = uri
        self.maxConnections = maxConnections
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uri = try c.decodeIfPresent(String.self, forKey: .uri)
        host = try c.decodeIfPresent(String.self, forKey: .host)
        port = try c.decodeIfPresent(Int.self, forKey: .port)
        username = try c.decodeIfPresent(String.self, forKey: .username)
        password = try c.decodeIfPresent(String.self, forKey: .password)
        database = try c.decodeIfPresent(String.self, forKey: .database)
        maxConnections = try c.decode(.maxConnections, default: Self.default.maxConnections)
    }

    /// The URI to open: `uri`, else one built from the separate fields, else SQLite in `dataDirectory`.
    public func effectiveURI(dataDirectory: String) -> String {
        if let uri { return uri }
        if let host {
            let user = username ?? "postgres"
            let credentials = password.map { "\(user):\($0)" } ?? user
            return "postgresql://\(credentials)@\(host):\(port ?? 5432)/\(database ?? "sesame")"
        }
        let folder = dataDirectory.hasSuffix("/") ? String(dataDirectory.dropLast()) : dataDirectory
        return "sqlite:\(folder)/sesame.db"
    }
}
