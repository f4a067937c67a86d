/// What an opaque token grants; the raw value is the prefix MAS uses for it.
public enum TokenKind: String, CaseIterable, Sendable, Codable {
    /// An OAuth 2.0 access token.
    case accessToken = "mat"
    /// An OAuth 2.0 refresh token.
    case refreshToken = "mar"
    /// An access token issued through the Matrix compatibility `/login` API.
    case compatAccessToken = "mct"
    /// A refresh token issued through the Matrix compatibility `/login` API.
    case compatRefreshToken = "mcr"
    /// A long-lived personal access token, for bots and scripts.
    case personalAccessToken = "mpt"

    /// The prefix that starts every token of this kind.
    public var prefix: String { rawValue }

    /// The kind of a well-formed token, checked without any I/O so forged tokens never reach the database.
    ///
    /// - Throws: ``OpaqueTokenError`` naming the first thing wrong with the token.
    public static func parse(_ token: String) throws(OpaqueTokenError) -> TokenKind {
        try OpaqueToken(parsing: token).kind
    }
}
