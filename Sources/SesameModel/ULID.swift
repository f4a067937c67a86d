import Foundation

/// A Universally Unique Lexicographically Sortable Identifier: 48-bit millisecond time + 80 random bits,
/// written as 26 Crockford base-32 characters, so IDs sort by creation time as text.
public struct ULID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 16 bytes, big-endian: 6 bytes of time then 10 random bytes.
    public let bytes: [UInt8]

    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// Creates a ULID for the given time from the given random source.
    public init(date: Date, using generator: inout some RandomNumberGenerator) {
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000).rounded(.down))
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - i))) }
        for i in 6..<16 { bytes[i] = UInt8.random(in: .min ... .max, using: &generator) }
        self.bytes = bytes
    }

    /// Creates a ULID for the given time with the system's secure random source.
    public init(date: Date) {
        var generator = SystemRandomNumberGenerator()
        self.init(date: date, using: &generator)
    }

    /// Parses the 26-character text form (case-insensitive); nil when malformed.
    public init?(_ text: some StringProtocol) {
        let chars = Array(text.uppercased().utf8)
        guard chars.count == 26, let first = Self.value(of: chars[0]), first <= 7 else { return nil }
        // 130 bits of text carry 128 bits of data: accumulate into a big-endian byte array.
        var bytes = [UInt8](repeating: 0, count: 16)
        for char in chars {
            guard let value = Self.value(of: char) else { return nil }
            var carry = UInt16(value)
            for i in stride(from: 15, through: 0, by: -1) {
                let shifted = UInt16(bytes[i]) << 5 | carry
                bytes[i] = UInt8(truncatingIfNeeded: shifted)
                carry = shifted >> 8
            }
        }
        self.bytes = bytes
    }

    /// The time the ULID was minted, to the millisecond.
    public var date: Date {
        var millis: UInt64 = 0
        for i in 0..<6 { millis = millis << 8 | UInt64(bytes[i]) }
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    /// The canonical 26-character upper-case text form.
    public var description: String {
        var output = [UInt8](repeating: 0, count: 26)
        var work = bytes
        for position in stride(from: 25, through: 0, by: -1) {
            // Divide the 128-bit big-endian number by 32, keeping the remainder as the next digit.
            var remainder: UInt16 = 0
            for i in 0..<16 {
                let current = remainder << 8 | UInt16(work[i])
                work[i] = UInt8(current / 32)
                remainder = current % 32
            }
            output[position] = Self.alphabet[Int(remainder)]
        }
        return String(decoding: output, as: UTF8.self)
    }

    public static func < (lhs: ULID, rhs: ULID) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    private static func value(of char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0"), UInt8(ascii: "O"): return 0
        case UInt8(ascii: "1"), UInt8(ascii: "I"), UInt8(ascii: "L"): return 1
        default:
            guard let index = alphabet.firstIndex(of: char) else { return nil }
            return UInt8(index)
        }
    }
}

extension ULID: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let ulid = ULID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a ULID: \(text)"))
        }
        self = ulid
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
