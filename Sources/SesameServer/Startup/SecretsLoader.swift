import Foundation
import SesameCrypto

/// Turns the `secrets` section into keys: configured values when given, otherwise keys generated
/// into the data folder on first start and read back on every later start.
public enum SecretsLoader {
    /// The 32-byte key that encrypts secrets at rest.
    public static func encryptionKey(_ config: SesameConfig) throws -> EncryptionKey {
        if let hex = config.secrets.encryption {
            return try EncryptionKey(hex: hex)
        }
        if let file = config.secrets.encryptionFile {
            let text = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            return try EncryptionKey(hex: text)
        }
        return try EncryptionKey.loadOrGenerate(file: dataURL(config).appendingPathComponent("encryption.key"))
    }

    /// The token-signing keys.
    public static func signingKeys(_ config: SesameConfig) async throws -> SigningKeySet {
        guard !config.secrets.keys.isEmpty else {
            return try await SigningKeySet.loadOrGenerate(directory: dataURL(config).appendingPathComponent("keys"))
        }
        var keys: [SigningKey] = []
        for entry in config.secrets.keys {
            let pem = try entry.key ?? String(contentsOfFile: entry.keyFile ?? "", encoding: .utf8)
            keys.append(try SigningKey(pem: pem, kid: entry.kid))
        }
        return try await SigningKeySet(keys: keys)
    }

    static func dataURL(_ config: SesameConfig) -> URL {
        URL(fileURLWithPath: config.dataDirectory, isDirectory: true)
    }
}
