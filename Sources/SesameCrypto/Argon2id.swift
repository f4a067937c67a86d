import CArgon2

/// Thin wrapper over libargon2's encoded-hash API, which reads and writes standard PHC strings.
enum Argon2id {
    /// Salt length in bytes; 16 is what RFC 9106 recommends.
    static let saltLength = 16
    /// Raw hash length in bytes.
    static let hashLength = 32

    /// Hashes `password` into a `$argon2id$v=19$m=…,t=…,p=…$salt$hash` string.
    static func hash(
        _ password: String,
        salt: [UInt8],
        memoryKiB: UInt32,
        iterations: UInt32,
        parallelism: UInt32
    ) throws(PasswordHasherError) -> String {
        let password = Array(password.utf8)
        let encodedLength = argon2_encodedlen(
            iterations, memoryKiB, parallelism, UInt32(salt.count), UInt32(hashLength), Argon2_id)
        var encoded = [CChar](repeating: 0, count: encodedLength)
        let code = argon2id_hash_encoded(
            iterations, memoryKiB, parallelism,
            password, password.count,
            salt, salt.count,
            hashLength,
            &encoded, encodedLength)
        guard code == ARGON2_OK.rawValue else { throw error(code) }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` matches the PHC string `encoded`; the parameters come from the string itself.
    static func verify(_ password: String, encoded: String) throws(PasswordHasherError) -> Bool {
        let password = Array(password.utf8)
        let code = argon2id_verify(encoded, password, password.count)
        switch code {
        case ARGON2_OK.rawValue: return true
        case ARGON2_VERIFY_MISMATCH.rawValue: return false
        default: throw error(code)
        }
    }

    private static func error(_ code: Int32) -> PasswordHasherError {
        .argon2(code: code, message: String(cString: argon2_error_message(code)))
    }
}
