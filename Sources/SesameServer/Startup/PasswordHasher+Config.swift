import SesameCrypto

extension PasswordHasher {
    /// The hasher the `passwords` section describes: the highest version hashes, all versions verify.
    public init(_ config: PasswordsConfig) throws {
        var schemes: [Int: PasswordScheme] = [:]
        for scheme in config.schemes {
            switch scheme.algorithm {
            case .argon2id: schemes[scheme.version] = .owaspArgon2id
            case .bcrypt: schemes[scheme.version] = .bcrypt(cost: scheme.cost ?? 12)
            }
        }
        guard let current = schemes.keys.max() else {
            self = .default
            return
        }
        try self.init(schemes: schemes, currentVersion: current)
    }
}
