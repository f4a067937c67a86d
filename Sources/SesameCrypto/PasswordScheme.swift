/// One way of hashing passwords; a ``PasswordHasher`` maps version numbers to schemes.
public enum PasswordScheme: Hashable, Sendable {
    /// Argon2id with memory in KiB, passes over memory, and lanes.
    case argon2id(memoryKiB: UInt32, iterations: UInt32, parallelism: UInt32)
    /// bcrypt with a log2 cost (4...31); kept to verify hashes imported from Synapse.
    case bcrypt(cost: Int)

    /// The OWASP minimum for Argon2id: 19 MiB, 2 passes, 1 lane (about 70 ms per hash here).
    public static let owaspArgon2id = PasswordScheme.argon2id(memoryKiB: 19_456, iterations: 2, parallelism: 1)
}
