import Foundation

/// Parameters of an `application/x-www-form-urlencoded` body or a query string, decoded once.
/// RFC 6749 §3.1 and §3.2: a parameter sent more than once is an error, and one sent with an
/// empty value counts as absent.
public struct FormParameters: Sendable, Equatable {
    private let values: [String: [String]]

    /// Decodes `a=1&b=2` text (`+` is a space, `%XX` escapes UTF-8).
    public init(encoded text: String) {
        var values: [String: [String]] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
        self.values = values
    }

    /// Wraps already-decoded pairs (for tests and JSON callers).
    public init(_ pairs: [String: String]) {
        values = pairs.mapValues { [$0] }
    }

    /// The single value of `name`; nil when absent or empty; `invalid_request` when repeated.
    public func single(_ name: String) throws(OAuthError) -> String? {
        guard let list = values[name] else { return nil }
        guard list.count == 1 else { throw .invalidRequest("the \(name) parameter was sent more than once") }
        return list[0].isEmpty ? nil : list[0]
    }

    /// The single value of `name`, which must be present.
    public func required(_ name: String) throws(OAuthError) -> String {
        guard let value = try single(name) else { throw .invalidRequest("the \(name) parameter is missing") }
        return value
    }

    /// True when `name` was sent at all.
    public func contains(_ name: String) -> Bool { values[name] != nil }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
