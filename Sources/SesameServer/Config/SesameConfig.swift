/// The whole configuration: one MAS-shaped YAML file, every key optional, built once at start.
public struct SesameConfig: ConfigSection, Equatable {
    /// Where generated keys, the generated encryption key and the default SQLite file live
    /// (a Sesame addition to the MAS format).
    public var dataDirectory: String
    public var http: HTTPConfig
    public var database: DatabaseConfig
    public var secrets: SecretsConfig
    public var passwords: PasswordsConfig
    public var matrix: MatrixConfig
    public var clients: [ClientConfig]
    public var account: AccountConfig
    public var email: EmailConfig
    public var rateLimiting: RateLimitingConfig
    public var policy: PolicyConfig
    public var experimental: ExperimentalConfig
    /// `branding` (only `tos_uri` is used).
    public var branding: BrandingConfig = .default

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case dataDirectory = "data_directory", http, database, secrets, passwords, matrix, clients, account, email
        case rateLimiting = "rate_limiting", policy, experimental
        case branding
    }

    /// What `sesame server` runs on with no file: http://127.0.0.1:8080/, SQLite under ./sesame-data/.
    public static let `default` = SesameConfig(
        dataDirectory: "./sesame-data", http: .default, database: .default, secrets: .default, passwords: .default,
        matrix: .default, clients: [], account: .default, email: .default, rateLimiting: .default, policy: .default,
        experimental: .default
    )

    init(
        dataDirectory: String, http: HTTPConfig, database: DatabaseConfig, secrets: SecretsConfig, passwords: PasswordsConfig,
        matrix: MatrixConfig, clients: [ClientConfig], account: AccountConfig, email: EmailConfig,
        rateLimiting: RateLimitingConfig, policy: PolicyConfig, experimental: ExperimentalConfig
    ) {
        self.dataDirectory = dataDirectory
        self.http = http
        self.database = database
        self.secrets = secrets
        self.passwords = passwords
        self.matrix = matrix
        self.clients = clients
        self.account = account
        self.email = email
        self.rateLimiting = rateLimiting
        self.policy = policy
        self.experimental = experimental
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Self.default
        dataDirectory = try c.decode(.dataDirectory, default: d.dataDirectory)
        http = try c.decode(.http, default: d.http)
        database = try c.decode(.database, default: d.database)
        secrets = try c.decode(.secrets, default: d.secrets)
        passwords = try c.decode(.passwords, default: d.passwords)
        matrix = try c.decode(.matrix, default: d.matrix)
        clients = try c.decode(.clients, default: d.clients)
        account = try c.decode(.account, default: d.account)
        email = try c.decode(.email, default: d.email)
        rateLimiting = try c.decode(.rateLimiting, default: d.rateLimiting)
        policy = try c.decode(.policy, default: d.policy)
        experimental = try c.decode(.experimental, default: d.experimental)
        branding = try c.decode(.branding, default: d.branding)
    }

    /// The database URI actually used.
    public var databaseURI: String { database.effectiveURI(dataDirectory: dataDirectory) }

    /// Known keys of each section, for reporting keys Sesame ignores.
    static let sectionKeys: [String: Set<String>] = [
        "http": HTTPConfig.knownKeys, "database": DatabaseConfig.knownKeys, "secrets": SecretsConfig.knownKeys,
        "passwords": PasswordsConfig.knownKeys, "matrix": MatrixConfig.knownKeys, "account": AccountConfig.knownKeys,
        "email": EmailConfig.knownKeys, "rate_limiting": RateLimitingConfig.knownKeys, "policy": PolicyConfig.knownKeys,
        "experimental": ExperimentalConfig.knownKeys, "branding": BrandingConfig.knownKeys,
    ]
}
