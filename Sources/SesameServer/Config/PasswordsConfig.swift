/// `passwords`: whether password login exists and how passwords are hashed.
public struct PasswordsConfig: ConfigSection, Equatable {
    /// Password login and registration at all.
    public var enabled: Bool
    /// Hashing schemes by version; the highest version hashes new passwords, older ones only verify
    /// (and are upgraded on the next successful login).
    public var schemes: [PasswordSchemeConfig]
    /// zxcvbn-style score from 0 to 4 a new password must reach.
    public var minimumComplexity: Int

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled, schemes, minimumComplexity = "minimum_complexity"
    }

    /// argon2id at OWASP's minimum (m=19 MiB, t=2, p=1).
    public static let `default` = PasswordsConfig(enabled: true, schemes: [PasswordSchemeConfig(version: 1, algorithm: .argon2id)], minimumComplexity: 3)

    init(enabled: Bool, schemes: [PasswordSchemeConfig], minimumComplexity: Int) {
        self.enabled = enabled
        self.schemes = schemes
        self.minimumComplexity = minimumComplexity
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decode(.enabled, default: Self.default.enabled)
        schemes = try c.decode(.schemes, default: Self.default.schemes)
        minimumComplexity = try c.decode(.minimumComplexity, default: Self.default.minimumComplexity)
    }
}

/// One hashing scheme.
public struct PasswordSchemeConfig: Codable, Sendable, Equatable {
    /// The hashing algorithms Sesame implements.
    public enum Algorithm: String, Codable, Sendable, CaseIterable { case argon2id, bcrypt }

    public var version: Int
    public var algorithm: Algorithm
    /// bcrypt cost (default 12).
    public var cost: Int?

    init(version: Int, algorithm: Algorithm, cost: Int? = nil) {
        self.version = version
        self.algorithm = algorithm
        self.cost = cost
    }
}
