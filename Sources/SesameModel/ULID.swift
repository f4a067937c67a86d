import Foundation

/// A Universally Unique Lexicographically Sortable Identifier: 48-bit millisecond time + 80 random bits,
/// written as 26 Crockford base-32 characters, so IDs sort by creation time as text.
public struct ULID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 128-bit value as two words, most significant first: 48 bits of time then 80 random bits.
    /// Two integers rather than a byte array: IDs are parsed and printed for every row read and
    /// every query bound, and this way neither allocates (issue 7's profiles).
    private let high: UInt64
    private let low: UInt64

    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// Each ASCII byte's Crockford base-32 value, or 0xFF: both cases, and O, I, L read as 0, 1, 1.
    private static let digitValues: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, char) in alphabet.enumerated() {
            table[Int(char)] = UInt8(value)
            table[Int(Character(Unicode.Scalar(char)).lowercased().utf8.first!)] = UInt8(value)
        }
        for (char, value) in [("O", 0), ("o", 0), ("I", 1), ("i", 1), ("L", 1), ("l", 1)] as [(Character, UInt8)] {
            table[Int(char.asciiValue!)] = value
        }
        return table
    }()

    /// The 16 bytes, big-endian: 6 bytes of time then 10 random bytes.
    public var bytes: [UInt8] {
        (0..<16).map { index in
            let word = index < 8 ? high : low
            return UInt8(truncatingIfNeeded: word >> (8 * (7 - index % 8)))
        }
    }

    /// Creates a ULID for the given time from the given random source.
    public init(date: Date, using generator: inout some RandomNumberGenerator) {
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000).rounded(.down)) & 0xFFFF_FFFF_FFFF
        let random = (high: UInt64.random(in: 0...0xFFFF, using: &generator), low: generator.next() as UInt64)
        self.high = millis << 16 | random.high
        self.low = random.low
    }

    /// Creates a ULID for the given time with the system's secure random source.
    public init(date: Date) {
        var generator = SystemRandomNumberGenerator()
        self.init(date: date, using: &generator)
    }

    /// Parses the 26-character text form (case-insensitive); nil when malformed.
    public init?(_ text: some StringProtocol) {
        // On the bytes in one piece: stepping through a generic string's UTF-8 view costs a witness
        // call per character, and every row read parses several IDs (issue 7's instruction counts).
        let words: (UInt64, UInt64)?? = text.utf8.withContiguousStorageIfAvailable(Self.words)
        guard let words = words ?? Array(text.utf8).withUnsafeBufferPointer(Self.words) else { return nil }
        (high, low) = words
    }

    /// Parses the text form from its UTF-8 bytes (case-insensitive); nil when malformed. For a
    /// value read in place from a database column, with no string made of it.
    public init?(utf8 text: UnsafeBufferPointer<UInt8>) {
        guard let words = Self.words(text) else { return nil }
        (high, low) = words
    }

    /// The two words of a 26-digit text form, or nil when it is not one.
    private static func words(_ text: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        // 26 digits carry 130 bits: the first may only hold the top 3 of the 128.
        guard text.count == 26, digitValues[Int(text[0])] <= 7 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for char in text {
            let value = digitValues[Int(char)]
            guard value != 0xFF else { return nil }
            high = high << 5 | low >> 59
            low = low << 5 | UInt64(value)
        }
        return (high, low)
    }

    /// The time the ULID was minted, to the millisecond.
    public var date: Date {
        Date(timeIntervalSince1970: Double(high >> 16) / 1000)
    }

    /// The canonical 26-character upper-case text form.
    public var description: String {
        var high = high
        var low = low
        // The alphabet borrowed once: read through the static on each digit, every digit paid the
        // global's initialisation check (issue 7: two IDs are printed per introspection).
        return Self.alphabet.withUnsafeBufferPointer { alphabet in
            String(unsafeUninitializedCapacity: 26) { output in
                for position in stride(from: 25, through: 0, by: -1) {
                    output[position] = alphabet[Int(low & 31)]
                    low = low >> 5 | high << 59
                    high >>= 5
                }
                return 26
            }
        }
    }

    public static func < (lhs: ULID, rhs: ULID) -> Bool { (lhs.high, lhs.low) < (rhs.high, rhs.low) }
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
