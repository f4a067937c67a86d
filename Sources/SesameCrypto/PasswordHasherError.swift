/// Why a password could not be hashed or checked.
public enum PasswordHasherError: Error, Equatable, Sendable {
    /// The hasher was configured with a current version that has no scheme.
    case currentVersionMissing(Int)
    /// A stored hash names a version the hasher has no scheme for.
    case unknownVersion(Int)
    /// A bcrypt cost outside 4...31 was configured.
    case invalidBcryptCost(Int)
    /// Argon2id parameters libargon2 rejects (zero passes or lanes, or under 8 KiB of memory per lane).
    case invalidArgon2Parameters(memoryKiB: UInt32, iterations: UInt32, parallelism: UInt32)
    /// A stored hash is not in the format its version's scheme produces.
    case hashDoesNotMatchScheme(version: Int)
    /// libargon2 failed with this code and message.
    case argon2(code: Int32, message: String)
}
