/// A Matrix user localpart as Sesame accepts it for new accounts: lower-case letters, digits and
/// `._=-/+`, 1 to 255 characters, not all digits (all-digit names are reserved for guests).
public struct Username: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The localpart text.
    public let rawValue: String

    /// Why a candidate username was refused.
    public enum Problem: Error, Equatable, Sendable {
        case empty, tooLong, invalidCharacter(Character), allDigits
    }

    /// Longest localpart accepted.
    public static let maximumLength = 255

    /// Validates `text` as a new username.
    public static func validate(_ text: String) -> Result<Username, Problem> {
        if text.isEmpty { return .failure(.empty) }
        if text.utf8.count > maximumLength { return .failure(.tooLong) }
        if let bad = text.first(where: { !isAllowed($0) }) { return .failure(.invalidCharacter(bad)) }
        if text.allSatisfy(\.isASCIIDigit) { return .failure(.allDigits) }
        return .success(Username(trusted: text))
    }

    /// Parses `text`, nil when invalid.
    public init?(_ text: String) {
        guard case .success(let name) = Self.validate(text) else { return nil }
        self = name
    }

    /// Wraps text already known to be a stored username (read back from the database);
    /// historical names imported from a homeserver may predate today's rules.
    public init(trusted text: String) { rawValue = text }

    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    private static func isAllowed(_ char: Character) -> Bool {
        char.isASCIIDigit || ("a"..."z").contains(char) || "._=-/+".contains(char)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
