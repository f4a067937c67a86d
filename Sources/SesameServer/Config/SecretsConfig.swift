/// `secrets`: the encryption key for secrets at rest and the token-signing keys. When both are
/// absent, Sesame generates them into the data folder on first start and reuses them after.
public struct SecretsConfig: ConfigSection, Equatable {
    /// 32 bytes as 64 hex characters.
    public var encryption: String?
    /// A file holding the 64 hex characters.
    public var encryptionFile: String?
    /// Signing keys as PEM, inline (`key`) or in a file (`key_file`).
    public var keys: [SigningKeyConfig]

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case encryption, encryptionFile = "encryption_file", keys
    }

    /// Nothing configured: generate on first start.
    public static let `default` = SecretsConfig(encryption: nil, encryptionFile: nil, keys: [])

    init(encryption: String?, encryptionFile: String?, keys: [SigningKeyConfig]) {
        self.encryption = encryption
        self.encryptionFile = encryptionFile
        self.keys = keys
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        encryption = try c.decodeIfPresent(String.self, forKey: .encryption)
        encryptionFile = try c.decodeIfPresent(String.self, forKey: .encryptionFile)
        keys = try c.decode(.keys, default: [])
    }
}

/// One signing key. The newest key of each algorithm signs; every listed key stays in the JWKS.
public struct SigningKeyConfig: Codable, Sendable, Equatable {
    /// Key ID published in the JWKS; derived from the public key when absent.
    public var kid: String?
    /// The private key in PEM.
    public var key: String?
    /// A file holding the private key in PEM.
    public var keyFile: String?

    enum CodingKeys: String, CodingKey {
        case kid, key, keyFile = "key_file"
    }

    /// Creates a key entry.
    public init(kid: String?, key: String?, keyFile: String? = nil) {
        self.kid = kid
        self.key = key
        self.keyFile = keyFile
    }
}
