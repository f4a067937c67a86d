import Crypto
import Foundation

/// Encrypts secrets stored in the database (upstream client secrets, TOTP seeds) with AES-256-GCM,
/// so a leaked database alone does not reveal them.
///
/// The sealed form is base64 of nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes), with a fresh random nonce each time.
public struct SecretBox: Sendable {
    /// Nonce plus tag: the overhead on every sealed value.
    static let overhead = 12 + 16

    private let key: EncryptionKey

    /// A box that seals and opens with `key`.
    public init(key: EncryptionKey) {
        self.key = key
    }

    /// Encrypts `plaintext` and returns the base64 sealed form.
    public func seal(_ plaintext: some DataProtocol) throws -> String {
        let box = try AES.GCM.seal(plaintext, using: key.symmetricKey)
        // `combined` is non-nil whenever the default 12-byte nonce is used, as here.
        return box.combined!.base64EncodedString()
    }

    /// Encrypts the UTF-8 bytes of `plaintext`.
    public func seal(_ plaintext: String) throws -> String {
        try seal(Data(plaintext.utf8))
    }

    /// Decrypts a sealed value, failing if it was altered in any way.
    public func open(_ sealed: String) throws(SecretBoxError) -> Data {
        guard let combined = Data(base64Encoded: sealed) else { throw .notBase64 }
        guard combined.count >= Self.overhead else { throw .tooShort(combined.count) }
        do {
            let box = try AES.GCM.SealedBox(combined: combined)
            return try AES.GCM.open(box, using: key.symmetricKey)
        } catch {
            throw .authenticationFailed
        }
    }

    /// Decrypts a sealed value that holds UTF-8 text.
    public func openString(_ sealed: String) throws(SecretBoxError) -> String {
        guard let text = String(data: try open(sealed), encoding: .utf8) else { throw .notUTF8 }
        return text
    }
}
