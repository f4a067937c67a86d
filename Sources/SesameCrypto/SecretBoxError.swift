/// Why a sealed secret could not be opened.
public enum SecretBoxError: Error, Equatable, Sendable {
    /// The sealed text is not valid base64.
    case notBase64
    /// The decoded bytes are shorter than a nonce and tag (28 bytes); the length found.
    case tooShort(Int)
    /// The tag does not match: the ciphertext was altered, or sealed under another key.
    case authenticationFailed
    /// The plaintext was expected to be UTF-8 text but is not.
    case notUTF8
}
