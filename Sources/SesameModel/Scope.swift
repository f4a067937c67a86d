/// One scope token (RFC 6749 §3.3): one or more characters from %x21 / %x23-5B / %x5D-7E.
public struct ScopeToken: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The token text.
    public let rawValue: String

    /// Parses a scope token; nil when it is empty or has a character RFC 6749 forbids.
    public init?(_ text: some StringProtocol) {
        // On the contiguous bytes when there are some: a generic string's UTF-8 view costs a
        // witness call per byte, and every token read from storage re-parses its scope (issue 7).
        let isValid = text.utf8.withContiguousStorageIfAvailable { !$0.isEmpty && $0.allSatisfy(Self.isScopeCharacter) }
            ?? (!text.isEmpty && text.utf8.allSatisfy(Self.isScopeCharacter))
        guard isValid else { return nil }
        rawValue = String(text)
    }

    /// For literals in code, which must be valid.
    public init(stringLiteral value: String) {
        guard let token = ScopeToken(value) else { preconditionFailure("invalid scope literal \(value)") }
        self = token
    }

    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    static func isScopeCharacter(_ byte: UInt8) -> Bool {
        byte == 0x21 || (0x23...0x5B).contains(byte) || (0x5D...0x7E).contains(byte)
    }

    /// `openid`: the request is an OpenID Connect request.
    public static let openID: ScopeToken = "openid"
    /// `email`: the user's email address in userinfo.
    public static let email: ScopeToken = "email"
}

/// A set of scope tokens, written as space-separated text (the form used on the wire and in storage).
public struct Scope: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// The tokens, deduplicated.
    public let tokens: Set<ScopeToken>

    /// Builds a scope from tokens.
    public init(_ tokens: some Sequence<ScopeToken>) { self.tokens = Set(tokens) }

    public init(arrayLiteral elements: ScopeToken...) { self.init(elements) }

    /// Parses space-separated scope text; nil when any token is invalid. Repeated spaces are tolerated.
    public init?(parsing text: String) {
        var tokens = Set<ScopeToken>()
        // Split on the space byte: `String.split` compares whole characters (grapheme breaking
        // per character), which showed in introspection's instruction counts (issue 7).
        for bytes in text.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true) {
            let part = Substring(bytes)
            guard let token = ScopeToken(part) else { return nil }
            tokens.insert(token)
        }
        self.tokens = tokens
    }

    /// The canonical text: tokens sorted and separated by one space.
    public var description: String { tokens.sorted().map(\.rawValue).joined(separator: " ") }

    /// True when no token is present.
    public var isEmpty: Bool { tokens.isEmpty }

    /// True when `token` is present.
    public func contains(_ token: ScopeToken) -> Bool { tokens.contains(token) }

    /// True when every token of `self` is in `other`.
    public func isSubset(of other: Scope) -> Bool { tokens.isSubset(of: other.tokens) }
}
