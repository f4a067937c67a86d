import Testing

@testable import SesameCrypto

/// Hashes of "correct horse battery staple" made by other implementations.
private enum PasswordVectors {
    static let password = "correct horse battery staple"
    /// argon2-cffi, m=19456 t=2 p=1: the current scheme's parameters.
    static let argon2idOWASP = "$argon2id$v=19$m=19456,t=2,p=1$3cFbqIOk0dc8etaOI8ogLQ$DZfAUZgC1euJGjjBaUHwAANV3rqyj+2CDb/YsMsArY4"
    /// argon2-cffi, m=8192 t=1 p=1: an older, weaker scheme.
    static let argon2idWeak = "$argon2id$v=19$m=8192,t=1,p=1$p1lyVHGF8WM4Z1AMocVnAg$tq1VbH8sWj0jzqLAt1e7YyefazeZQ7oSGepKqm3r/uY"
    /// Python bcrypt with prefix 2b, as Synapse stores them.
    static let bcrypt2b = "$2b$10$zDZmjIVKEgb8nyRh5JBD..MbKey287kqFx2vlG0tg0X56DJ7WUcWG"
    /// Python bcrypt with prefix 2a.
    static let bcrypt2a = "$2a$10$iWJP//1aLorx2X1XUAk3yulIJFDwzwNaDlKtZzY.G7yCR6QAbAcpm"
    /// `htpasswd -nbBC 10`, which writes the PHP-style 2y prefix.
    static let bcrypt2y = "$2y$10$ILMQet4sLW6Corc92NzvTuw8AlYaNlgbvA9iQTRkIGzPLWEad.2Ge"
}

@Suite("Password hashing with upgrade on login")
struct PasswordHasherTests {
    /// Version 1: bcrypt hashes imported from Synapse. Version 2: Argon2id, used for new hashes.
    private func importingHasher() throws -> PasswordHasher {
        try PasswordHasher(schemes: [1: .bcrypt(cost: 10), 2: .owaspArgon2id], currentVersion: 2)
    }

    @Test("the default hasher writes an OWASP-minimum Argon2id PHC string under version 1")
    func defaultOutputFormat() async throws {
        let hashed = try await PasswordHasher.default.hash(PasswordVectors.password)
        #expect(hashed.version == 1)
        #expect(hashed.hash.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        // 16-byte salt and 32-byte hash, unpadded base64: 22 and 43 characters.
        let fields = hashed.hash.split(separator: "$")
        #expect(fields.count == 5)
        #expect(fields[3].count == 22)
        #expect(fields[4].count == 43)
    }

    @Test("a freshly hashed password verifies as valid")
    func hashThenVerify() async throws {
        let hasher = PasswordHasher.default
        let hashed = try await hasher.hash(PasswordVectors.password)
        #expect(try await hasher.verify(PasswordVectors.password, against: hashed) == .valid)
    }

    @Test("a wrong password is invalid")
    func wrongPassword() async throws {
        let hasher = PasswordHasher.default
        let hashed = try await hasher.hash(PasswordVectors.password)
        #expect(try await hasher.verify("Tr0ub4dor&3", against: hashed) == .invalid)
    }

    @Test("hashing the same password twice gives different salts")
    func saltsDiffer() async throws {
        let first = try await PasswordHasher.default.hash(PasswordVectors.password)
        let second = try await PasswordHasher.default.hash(PasswordVectors.password)
        #expect(first.hash != second.hash)
    }

    @Test("an Argon2id hash made by argon2-cffi verifies")
    func argon2idFromAnotherImplementation() async throws {
        let stored = HashedPassword(version: 1, hash: PasswordVectors.argon2idOWASP)
        #expect(try await PasswordHasher.default.verify(PasswordVectors.password, against: stored) == .valid)
    }

    @Test("a right password under an older Argon2id version asks for a rehash")
    func olderArgon2VersionNeedsRehash() async throws {
        let hasher = try PasswordHasher(
            schemes: [1: .argon2id(memoryKiB: 8192, iterations: 1, parallelism: 1), 2: .owaspArgon2id],
            currentVersion: 2)
        let stored = HashedPassword(version: 1, hash: PasswordVectors.argon2idWeak)
        #expect(try await hasher.verify(PasswordVectors.password, against: stored) == .validNeedsRehash)
    }

    @Test("a wrong password under an older version is just invalid")
    func olderVersionWrongPassword() async throws {
        let stored = HashedPassword(version: 1, hash: PasswordVectors.bcrypt2b)
        #expect(try await importingHasher().verify("wrong", against: stored) == .invalid)
    }

    @Test("a Synapse bcrypt hash verifies and asks for a rehash into Argon2id", arguments: [
        PasswordVectors.bcrypt2b, PasswordVectors.bcrypt2a, PasswordVectors.bcrypt2y,
    ])
    func importedBcrypt(hash: String) async throws {
        let stored = HashedPassword(version: 1, hash: hash)
        #expect(try await importingHasher().verify(PasswordVectors.password, against: stored) == .validNeedsRehash)
    }

    @Test("rehashing after an upgrade stores the current version")
    func rehashProducesCurrentVersion() async throws {
        let hasher = try importingHasher()
        let upgraded = try await hasher.hash(PasswordVectors.password)
        #expect(upgraded.version == 2)
        #expect(upgraded.hash.hasPrefix("$argon2id$"))
        #expect(try await hasher.verify(PasswordVectors.password, against: upgraded) == .valid)
    }

    @Test("bcrypt can be the current scheme when configured")
    func bcryptHashing() async throws {
        let hasher = try PasswordHasher(schemes: [3: .bcrypt(cost: 4)], currentVersion: 3)
        let hashed = try await hasher.hash(PasswordVectors.password)
        #expect(hashed.hash.hasPrefix("$2b$04$"))
        #expect(hashed.hash.count == 60)
        #expect(try await hasher.verify(PasswordVectors.password, against: hashed) == .valid)
    }

    @Test("a stored version with no scheme is a precise error")
    func unknownVersion() async throws {
        let stored = HashedPassword(version: 7, hash: PasswordVectors.argon2idOWASP)
        await #expect(throws: PasswordHasherError.unknownVersion(7)) {
            try await PasswordHasher.default.verify(PasswordVectors.password, against: stored)
        }
    }

    @Test("a bcrypt hash stored under an Argon2id version is a precise error")
    func hashDoesNotMatchScheme() async throws {
        let stored = HashedPassword(version: 1, hash: PasswordVectors.bcrypt2b)
        await #expect(throws: PasswordHasherError.hashDoesNotMatchScheme(version: 1)) {
            try await PasswordHasher.default.verify(PasswordVectors.password, against: stored)
        }
    }

    @Test("a corrupted Argon2id hash is a libargon2 decoding error, not a wrong password")
    func corruptedArgon2Hash() async throws {
        let stored = HashedPassword(version: 1, hash: "$argon2id$v=19$m=19456,t=2,p=1$not-base64!$x")
        let error = await #expect(throws: PasswordHasherError.self) {
            try await PasswordHasher.default.verify(PasswordVectors.password, against: stored)
        }
        #expect(error == .argon2(code: -32, message: "Decoding failed"))
    }

    @Test("a current version without a scheme is rejected at configuration")
    func currentVersionMissing() {
        #expect(throws: PasswordHasherError.currentVersionMissing(2)) {
            try PasswordHasher(schemes: [1: .owaspArgon2id], currentVersion: 2)
        }
    }

    @Test("a bcrypt cost outside 4...31 is rejected at configuration")
    func invalidBcryptCost() {
        #expect(throws: PasswordHasherError.invalidBcryptCost(3)) {
            try PasswordHasher(schemes: [1: .bcrypt(cost: 3)], currentVersion: 1)
        }
    }

    @Test("Argon2id with less than 8 KiB per lane is rejected at configuration")
    func invalidArgon2Parameters() {
        #expect(throws: PasswordHasherError.invalidArgon2Parameters(memoryKiB: 8, iterations: 1, parallelism: 2)) {
            try PasswordHasher(
                schemes: [1: .argon2id(memoryKiB: 8, iterations: 1, parallelism: 2)], currentVersion: 1)
        }
    }
}
