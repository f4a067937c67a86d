import Crypto

/// The SHA-256 of a token as lower-case hex: what storage keeps instead of the token itself.
///
/// Tokens have 178 bits of randomness, so a fast unsalted hash is enough; a database leak then
/// yields nothing a client could present.
public struct TokenHash: Hashable, Sendable, Codable, CustomStringConvertible {
    /// 64 lower-case hex characters.
    public let hex: String

    /// Hashes a presented or freshly minted token string.
    public init(of token: String) {
        // Straight from the string's bytes when they are contiguous (always, for native strings):
        // this runs for every token presented, and copying into an array first showed (issue 7).
        let digest = token.utf8.withContiguousStorageIfAvailable { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        // The digest's own bytes, hexed in place rather than copied out through its iterator.
        self.hex = (digest ?? SHA256.hash(data: Array(token.utf8))).withUnsafeBytes { $0.lowerHex }
    }

    /// Hashes an opaque token.
    public init(of token: OpaqueToken) {
        self.init(of: token.value)
    }

    /// Wraps a hash read back from storage; `nil` unless it is 64 lower-case hex characters.
    public init?(hex: String) {
        guard hex.utf8.count == 64,
            hex.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) })
        else { return nil }
        self.hex = hex
    }

    /// Decodes from a plain hex string, rejecting anything that is not a SHA-256 hex digest.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let hex = try container.decode(String.self)
        guard let hash = TokenHash(hex: hex) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a 64-character lower-case hex SHA-256")
        }
        self = hash
    }

    /// Encodes as a plain hex string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }

    /// The hex digest.
    public var description: String { hex }

    /// Compares with a presented token's hash in constant time.
    public func matches(_ token: String) -> Bool {
        constantTimeEquals(hex, TokenHash(of: token).hex)
    }
}
