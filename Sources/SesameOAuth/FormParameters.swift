import Foundation

/// Parameters of an `application/x-www-form-urlencoded` body or a query string, decoded once.
/// RFC 6749 §3.1 and §3.2: a parameter sent more than once is an error, and one sent with an
/// empty value counts as absent.
public struct FormParameters: Sendable, Equatable {
    /// The decoded pairs, in the order sent. A form carries a handful of parameters, so a list
    /// searched by name costs less than a dictionary, which hashed every name on the way in and
    /// again on every lookup (issue 7).
    private let pairs: [(name: String, value: String)]

    /// Decodes `a=1&b=2` text (`+` is a space, `%XX` escapes UTF-8).
    public init(encoded text: String) {
        var pairs: [(name: String, value: String)] = []
        var text = text
        // Split on the bytes, as the format is defined, in one contiguous buffer: `String.split`
        // compares whole characters, and was a third of the cost of reading an introspection
        // request (issue 7).
        text.withUTF8 { bytes in
            var pairStart = 0
            while pairStart < bytes.count {
                let pairEnd = bytes[pairStart...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.count
                if pairEnd > pairStart {
                    let pair = bytes[pairStart..<pairEnd]
                    let equals = pair.firstIndex(of: UInt8(ascii: "="))
                    let name = Self.decode(pair[..<(equals ?? pairEnd)])
                    let value = equals.map { Self.decode(pair[($0 + 1)...]) } ?? ""
                    pairs.append((name, value))
                }
                pairStart = pairEnd + 1
            }
        }
        self.pairs = pairs
    }

    /// Wraps already-decoded pairs (for tests and JSON callers).
    public init(_ pairs: [String: String]) {
        self.pairs = pairs.map { (name: $0.key, value: $0.value) }
    }

    /// The single value of `name`; nil when absent or empty; `invalid_request` when repeated.
    public func single(_ name: String) throws(OAuthError) -> String? {
        var found: String?
        for pair in pairs where pair.name == name {
            guard found == nil else { throw .invalidRequest("the \(name) parameter was sent more than once") }
            found = pair.value
        }
        return found?.isEmpty == false ? found : nil
    }

    /// The single value of `name`, which must be present.
    public func required(_ name: String) throws(OAuthError) -> String {
        guard let value = try single(name) else { throw .invalidRequest("the \(name) parameter is missing") }
        return value
    }

    /// True when `name` was sent at all.
    public func contains(_ name: String) -> Bool { pairs.contains { $0.name == name } }

    /// Equal when every name has the same values in the same order; the order of different names
    /// does not matter.
    public static func == (lhs: FormParameters, rhs: FormParameters) -> Bool {
        lhs.valuesByName == rhs.valuesByName
    }

    private var valuesByName: [String: [String]] {
        pairs.reduce(into: [:]) { $0[$1.name, default: []].append($1.value) }
    }

    /// `+` becomes a space and `%XX` the byte it names; text with a broken escape, or whose escapes
    /// are not UTF-8, is kept as sent (with `+` still read as a space). Works on bytes: Foundation's
    /// percent decoding bridges through NSString and was the costliest step of an introspection call.
    /// `utf8` is a slice of valid UTF-8 cut at ASCII separators, so it is valid UTF-8 itself.
    static func decode(_ utf8: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        guard utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else {
            return String(decoding: utf8, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        var escapesValid = true
        while index != utf8.endIndex {
            let byte = utf8[index]
            index += 1
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index + 1 < utf8.endIndex, let high = hexValue(utf8[index]), let low = hexValue(utf8[index + 1]) else {
                    escapesValid = false
                    bytes.append(byte)
                    continue
                }
                bytes.append(high << 4 | low)
                index += 2
            default:
                bytes.append(byte)
            }
        }
        if escapesValid, let decoded = String(validating: bytes, as: UTF8.self) { return decoded }
        return String(decoding: utf8.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
