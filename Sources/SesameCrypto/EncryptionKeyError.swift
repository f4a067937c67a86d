/// Why an encryption key could not be read.
public enum EncryptionKeyError: Error, Equatable, Sendable {
    /// The key is not 64 hex characters; the number of characters found.
    case wrongLength(Int)
    /// The key has a character that is not a hex digit.
    case notHex
    /// The key file exists but could not be read.
    case unreadableFile(path: String)
}
