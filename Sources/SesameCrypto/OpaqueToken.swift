/// A bearer token in the Matrix Authentication Service format: `{prefix}_{30 base-62 characters}_{CRC-32 in base 62}`.
///
/// The checksum lets Sesame reject mistyped or forged tokens before any database lookup,
/// and the format lets tokens move between MAS and Sesame unchanged.
public struct OpaqueToken: Hashable, Sendable, CustomStringConvertible {
    /// How many random characters follow the prefix.
    public static let randomLength = 30
    /// How many characters the encoded checksum has.
    public static let checksumLength = 6

    /// What the token grants.
    public let kind: TokenKind
    /// The full token as handed to the client.
    public let value: String

    /// Mints a new token of `kind`, drawing its random part from `generator`.
    ///
    /// Pass a seeded generator in tests; production code should use the system generator, which is cryptographically secure.
    public static func generate(
        _ kind: TokenKind,
        using generator: inout some RandomNumberGenerator
    ) -> OpaqueToken {
        var random = ""
        random.reserveCapacity(randomLength)
        // Eight random bytes per draw rather than one draw per character: the system generator makes
        // one `getrandom` call per draw, and minting sits on the token endpoint's hot path (issue 7).
        var word: UInt64 = 0
        var bytesLeft = 0
        while random.utf8.count < randomLength {
            if bytesLeft == 0 {
                word = generator.next()
                bytesLeft = 8
            }
            let byte = UInt8(truncatingIfNeeded: word)
            word >>= 8
            bytesLeft -= 1
            // Rejection sampling keeps every digit equally likely: 248 = 4 × 62, so `byte % 62` is
            // unbiased below it.
            guard byte < 248 else { continue }
            random.append(Base62.alphabet[Int(byte % 62)])
        }
        let body = "\(kind.prefix)_\(random)"
        return OpaqueToken(kind: kind, value: "\(body)_\(checksum(of: body))")
    }

    /// Mints a new token of `kind` from the system's cryptographically secure generator.
    public static func generate(_ kind: TokenKind) -> OpaqueToken {
        var generator = SystemRandomNumberGenerator()
        return generate(kind, using: &generator)
    }

    /// Checks a presented token's shape and checksum, without any I/O.
    ///
    /// - Throws: ``OpaqueTokenError`` naming the first thing wrong with the token.
    public init(parsing token: String) throws(OpaqueTokenError) {
        if let kind = Self.wellFormedKind(token) {
            self.kind = kind
            self.value = token
            return
        }
        let parts = token.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed }
        let (prefix, random, checksum) = (parts[0], parts[1], parts[2])

        guard let kind = TokenKind(rawValue: String(prefix)) else {
            throw .unknownPrefix(String(prefix))
        }
        guard random.count == Self.randomLength else { throw .wrongRandomLength(random.count) }
        guard checksum.count == Self.checksumLength else { throw .wrongChecksumLength(checksum.count) }
        guard random.allSatisfy(Base62.isDigit), checksum.allSatisfy(Base62.isDigit) else {
            throw .invalidCharacter
        }
        guard Self.checksum(of: "\(prefix)_\(random)") == checksum else { throw .badChecksum }

        self.kind = kind
        self.value = token
    }

    private init(kind: TokenKind, value: String) {
        self.kind = kind
        self.value = value
    }

    /// The kind of a token that is exactly right, checked on its bytes (every token presented to
    /// introspection goes through here); nil for anything else, which the character-wise checks
    /// then reject with a precise error.
    private static func wellFormedKind(_ token: String) -> TokenKind? {
        var token = token
        // One contiguous buffer: indexing a string's UTF-8 view byte by byte was a visible share
        // of introspection's instruction count (issue 7).
        return token.withUTF8(wellFormedKind)
    }

    private static func wellFormedKind(_ bytes: UnsafeBufferPointer<UInt8>) -> TokenKind? {
        let prefixLength = 3
        let checksumStart = prefixLength + 1 + randomLength + 1
        guard bytes.count == checksumStart + checksumLength else { return nil }
        guard let kind = TokenKind(rawValue: String(decoding: bytes[..<prefixLength], as: UTF8.self)) else { return nil }
        for offset in prefixLength..<bytes.count {
            let isSeparator = offset == prefixLength || offset == checksumStart - 1
            guard isSeparator ? bytes[offset] == UInt8(ascii: "_") : Base62.isDigit(bytes[offset]) else { return nil }
        }
        let expected = Base62.encodedChecksum(CRC32.checksum(bytes[..<(checksumStart - 1)]))
        guard bytes[checksumStart...].elementsEqual(expected) else { return nil }
        return kind
    }

    /// The base-62 CRC-32 of the UTF-8 bytes of `{prefix}_{random}`.
    static func checksum(of body: String) -> String {
        Base62.encodeChecksum(CRC32.checksum(body.utf8))
    }

    /// Only the prefix, so a token interpolated into a log line does not leak.
    public var description: String { "\(kind.prefix)_[redacted]" }
}
