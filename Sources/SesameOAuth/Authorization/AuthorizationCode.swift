/// Authorization codes: 40 random alphanumerics (about 238 bits), handed to the client once and
/// stored only as a `TokenHash`. They have no prefix or checksum: the client never holds them
/// long enough for a secret scanner to matter.
public enum AuthorizationCode {
    /// How many characters a code has.
    public static let length = 40

    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// A fresh code drawn from `generator` (the system's secure generator by default).
    public static func generate(using generator: inout some RandomNumberGenerator) -> String {
        String((0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt8(alphabet.count)))] })
    }

    /// A fresh code from the system's cryptographically secure generator.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }
}
