import Foundation

/// An address typed into a form, checked enough to be safe to mail: one `@`, a local part and a
/// dotted domain, no spaces or control characters (which could inject mail headers), at most 254
/// bytes (RFC 5321 §4.5.3.1.3). Deliverability is proven by the code, not by parsing.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address as typed, trimmed.
    public let rawValue: String

    /// Parses `text`; nil when it cannot be an address.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count <= 254 else { return nil }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        guard !trimmed.contains(where: { "<>\",;()[]\\".contains($0) }) else { return nil }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64 else { return nil }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else { return nil }
        rawValue = trimmed
    }

    public var description: String { rawValue }
}
