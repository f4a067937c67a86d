/// A stored password hash and the scheme version that produced it.
public struct HashedPassword: Hashable, Sendable, Codable {
    /// The key of the ``PasswordScheme`` in the hasher's table.
    public let version: Int
    /// The self-describing hash: a PHC string for Argon2id, a modular-crypt `$2b$…` string for bcrypt.
    public let hash: String

    /// Pairs a hash read from storage with its scheme version.
    public init(version: Int, hash: String) {
        self.version = version
        self.hash = hash
    }
}
