import HummingbirdBcrypt

/// Hashes and checks passwords under versioned schemes, so a stronger scheme can be rolled out
/// by rehashing each password at the user's next successful login.
public struct PasswordHasher: Sendable {
    /// Every scheme a stored hash may use, by version.
    public let schemes: [Int: PasswordScheme]
    /// The version new hashes are made with.
    public let currentVersion: Int

    /// Version 1, OWASP-minimum Argon2id, as the only scheme.
    public static let `default` = try! PasswordHasher(schemes: [1: .owaspArgon2id], currentVersion: 1)

    /// A hasher over `schemes` that hashes with `currentVersion`.
    ///
    /// - Throws: ``PasswordHasherError`` if `currentVersion` has no scheme or a scheme's parameters are out of range,
    ///   so a bad configuration fails at start-up rather than at the first login.
    public init(schemes: [Int: PasswordScheme], currentVersion: Int) throws(PasswordHasherError) {
        guard schemes[currentVersion] != nil else { throw .currentVersionMissing(currentVersion) }
        for scheme in schemes.values {
            switch scheme {
            case .bcrypt(let cost):
                // HummingbirdBcrypt traps outside this range.
                guard (4...31).contains(cost) else { throw .invalidBcryptCost(cost) }
            case .argon2id(let memoryKiB, let iterations, let parallelism):
                guard iterations >= 1, parallelism >= 1, memoryKiB >= 8 * parallelism else {
                    throw .invalidArgon2Parameters(memoryKiB: memoryKiB, iterations: iterations, parallelism: parallelism)
                }
            }
        }
        self.schemes = schemes
        self.currentVersion = currentVersion
    }

    /// Hashes `password` with the current scheme, off the caller's executor.
    public func hash(_ password: String) async throws -> HashedPassword {
        let version = currentVersion
        let scheme = try self.scheme(version)
        let hash = try await BlockingWork.run { try Self.hash(password, with: scheme) }
        return HashedPassword(version: version, hash: hash)
    }

    /// Checks `password` against `stored`, off the caller's executor.
    ///
    /// - Returns: ``PasswordVerification/validNeedsRehash`` when the password is right but `stored` is not
    ///   from the current version.
    /// - Throws: ``PasswordHasherError/unknownVersion(_:)`` for a version with no scheme, and
    ///   ``PasswordHasherError/hashDoesNotMatchScheme(version:)`` for a hash its scheme cannot read.
    public func verify(_ password: String, against stored: HashedPassword) async throws -> PasswordVerification {
        let scheme = try self.scheme(stored.version)
        let matches = try await BlockingWork.run {
            try Self.verify(password, hash: stored.hash, version: stored.version, scheme: scheme)
        }
        guard matches else { return .invalid }
        return stored.version == currentVersion ? .valid : .validNeedsRehash
    }

    private func scheme(_ version: Int) throws(PasswordHasherError) -> PasswordScheme {
        guard let scheme = schemes[version] else { throw .unknownVersion(version) }
        return scheme
    }

    private static func hash(_ password: String, with scheme: PasswordScheme) throws(PasswordHasherError) -> String {
        switch scheme {
        case .argon2id(let memoryKiB, let iterations, let parallelism):
            var generator = SystemRandomNumberGenerator()
            let salt = (0..<Argon2id.saltLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            return try Argon2id.hash(
                password, salt: salt, memoryKiB: memoryKiB, iterations: iterations, parallelism: parallelism)
        case .bcrypt(let cost):
            return Bcrypt.hash(password, cost: UInt8(cost))
        }
    }

    private static func verify(
        _ password: String,
        hash: String,
        version: Int,
        scheme: PasswordScheme
    ) throws(PasswordHasherError) -> Bool {
        switch scheme {
        case .argon2id:
            guard hash.hasPrefix("$argon2id$") else { throw .hashDoesNotMatchScheme(version: version) }
            return try Argon2id.verify(password, encoded: hash)
        case .bcrypt:
            // `$2y$` (PHP, htpasswd) is the same algorithm as `$2b$`; the bundled C code only knows `$2a$` and `$2b$`.
            let normalised: String
            if hash.hasPrefix("$2y$") {
                normalised = "$2b$" + hash.dropFirst(4)
            } else if hash.hasPrefix("$2a$") || hash.hasPrefix("$2b$") {
                normalised = hash
            } else {
                throw .hashDoesNotMatchScheme(version: version)
            }
            return Bcrypt.verify(password, hash: normalised)
        }
    }
}
