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

    /// Parses a scope token from its UTF-8 bytes, as `init?(_:)` does its text.
    init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty, bytes.allSatisfy(Self.isScopeCharacter) else { return nil }
        rawValue = String(decoding: bytes, as: UTF8.self)
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
    /// The tokens, sorted and without repeats. A stored scope is a handful of tokens, read back from
    /// storage on every token check in this canonical order: keeping them as a sorted array rather
    /// than a `Set` spares hashing every token on every read and sorting on every write (issue 7).
    /// Two scopes with the same tokens are equal, whatever order they were given in.
    public let tokens: [ScopeToken]

    /// Builds a scope from tokens, in any order, repeats allowed.
    public init(_ tokens: some Sequence<ScopeToken>) { self.tokens = Self.canonical(Array(tokens)) }

    public init(arrayLiteral elements: ScopeToken...) { self.init(elements) }

    /// Parses space-separated scope text; nil when any token is invalid. Repeated spaces are tolerated.
    public init?(parsing text: String) {
        var text = text
        var tokens: [ScopeToken] = []
        // On the bytes, split at the space byte: `String.split` compares whole characters
        // (grapheme breaking per character), and a stored scope is parsed on every introspection
        // (issue 7). A space is one byte in UTF-8 and never part of another character's bytes.
        let isValid = text.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                guard bytes[start] != UInt8(ascii: " ") else {
                    start += 1
                    continue
                }
                var end = start + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: " ") { end += 1 }
                guard let token = ScopeToken(utf8: UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return false }
                tokens.append(token)
                start = end
            }
            return true
        }
        guard isValid else { return nil }
        self.tokens = Self.canonical(tokens)
    }

    /// Sorted, repeats dropped. Stored scopes are written sorted, so reading one back only checks.
    private static func canonical(_ tokens: [ScopeToken]) -> [ScopeToken] {
        var isCanonical = true
        for index in tokens.indices.dropFirst() where !(tokens[index - 1] < tokens[index]) {
            isCanonical = false
            break
        }
        if isCanonical { return tokens }
        var unique: [ScopeToken] = []
        unique.reserveCapacity(tokens.count)
        for token in tokens.sorted() where unique.last != token { unique.append(token) }
        return unique
    }

    /// The canonical text: tokens sorted and separated by one space. Built by appending: the
    /// generic `joined` cost more than the rest of writing an introspection answer (issue 7).
    public var description: String {
        var text = ""
        text.reserveCapacity(tokens.reduce(tokens.count) { $0 + $1.rawValue.utf8.count })
        for token in tokens {
            if !text.isEmpty { text.append(" ") }
            text.append(token.rawValue)
        }
        return text
    }

    /// True when no token is present.
    public var isEmpty: Bool { tokens.isEmpty }

    /// True when `token` is present. A binary search over the sorted tokens: a scope parsed from
    /// a request can hold thousands, and `isSubset` asks once per token of the other side.
    public func contains(_ token: ScopeToken) -> Bool {
        let index = Self.place(of: token, in: tokens)
        return index < tokens.count && tokens[index] == token
    }

    /// `self` with `extra` added, each token not already present put in its sorted place: the
    /// result is canonical without sorting the whole list again (introspection adds a Matrix
    /// token's other spelling to every answer, issue 7).
    public func adding(_ extra: some Sequence<ScopeToken>) -> Scope {
        var tokens = tokens
        for token in extra {
            let index = Self.place(of: token, in: tokens)
            if index == tokens.count || tokens[index] != token { tokens.insert(token, at: index) }
        }
        return Scope(sortedUnique: tokens)
    }

    /// Tokens already sorted and without repeats.
    private init(sortedUnique tokens: [ScopeToken]) { self.tokens = tokens }

    /// The index of the first of the sorted `tokens` not below `token`.
    private static func place(of token: ScopeToken, in tokens: [ScopeToken]) -> Int {
        var low = 0
        var high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle] < token {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// True when every token of `self` is in `other`.
    public func isSubset(of other: Scope) -> Bool { tokens.allSatisfy(other.contains) }
}
