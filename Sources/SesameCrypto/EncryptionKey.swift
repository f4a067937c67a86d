import Crypto
import Foundation

/// The 256-bit key that encrypts secrets at rest (`secrets.encryption` in the config: 64 hex characters).
public struct EncryptionKey: Sendable {
    /// The key as swift-crypto uses it.
    let symmetricKey: SymmetricKey

    /// Reads a key from 64 hex characters (either case; surrounding whitespace ignored).
    public init(hex: String) throws(EncryptionKeyError) {
        let digits = Array(hex.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard digits.count == 64 else { throw .wrongLength(digits.count) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else {
                throw .notHex
            }
            bytes.append(high << 4 | low)
        }
        self.symmetricKey = SymmetricKey(data: bytes)
    }

    private init(symmetricKey: SymmetricKey) {
        self.symmetricKey = symmetricKey
    }

    /// A fresh key from the system's cryptographically secure generator.
    public static func generate() -> EncryptionKey {
        EncryptionKey(symmetricKey: SymmetricKey(size: .bits256))
    }

    /// The key as 64 lower-case hex characters, the form ``init(hex:)`` and the config file use.
    public var hex: String {
        symmetricKey.withUnsafeBytes { Array($0) }.lowerHex
    }

    /// Reads the key from `file`, or on first start generates one and writes it there with mode 0600.
    public static func loadOrGenerate(file: URL) throws -> EncryptionKey {
        if FileManager.default.fileExists(atPath: file.path) {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw EncryptionKeyError.unreadableFile(path: file.path)
            }
            return try EncryptionKey(hex: text)
        }
        let key = generate()
        try SecretFile.ensureDirectory(file.deletingLastPathComponent())
        try SecretFile.save(key.hex + "\n", to: file)
        return key
    }

    private static func nibble(_ ascii: UInt8) -> UInt8? {
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): ascii - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): ascii - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): ascii - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
