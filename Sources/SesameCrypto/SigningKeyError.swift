/// Why a signing key could not be read, stored or used.
public enum SigningKeyError: Error, Equatable, Sendable {
    /// The text has no `-----BEGIN …-----` line.
    case notPEM
    /// The PEM label is not a private key Sesame can sign with (for example `PUBLIC KEY` or `ENCRYPTED PRIVATE KEY`).
    case unsupportedPEMLabel(String)
    /// The PEM has a supported label but its contents are not an RSA or P-256 private key.
    case unreadableKey(label: String)
    /// An RSA key is smaller than the 2048 bits RFC 7518 §3.3 requires.
    case rsaKeyTooSmall(bits: Int)
    /// Two keys in one set have the same `kid`, so a token's `kid` would not say which key signed it.
    case duplicateKID(String)
    /// The set has no key for the algorithm a token was to be signed with.
    case noKey(for: SigningAlgorithm)
    /// A key file could not be loaded; the path and the underlying reason.
    indirect case inFile(path: String, SigningKeyError)
    /// A key file could not be read from disk.
    case unreadableFile(path: String)
}
