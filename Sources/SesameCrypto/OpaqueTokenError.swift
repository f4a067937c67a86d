/// Why a string is not a well-formed opaque token.
public enum OpaqueTokenError: Error, Equatable, Sendable {
    /// The token is not three parts separated by `_`.
    case malformed
    /// The first part is not one of the known ``TokenKind`` prefixes.
    case unknownPrefix(String)
    /// The random part does not have the 30 characters it must have.
    case wrongRandomLength(Int)
    /// The checksum part does not have the 6 characters it must have.
    case wrongChecksumLength(Int)
    /// A character outside `[A-Za-z0-9]` appears in the random or checksum part.
    case invalidCharacter
    /// The checksum does not match the prefix and random part: the token was mistyped or forged.
    case badChecksum
}
