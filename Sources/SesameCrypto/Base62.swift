/// The base-62 alphabet and encoding MAS uses for token checksums and random parts.
enum Base62 {
    /// Digits in MAS's order: `0-9`, then `A-Z`, then `a-z`.
    static let alphabet: [Character] = Array(digits)

    /// Whether `character` is one of the 62 digits (ASCII letters and numbers only).
    static func isDigit(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return isDigit(ascii)
    }

    /// Whether the UTF-8 byte `ascii` is one of the 62 digits.
    static func isDigit(_ ascii: UInt8) -> Bool {
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "a")...UInt8(ascii: "z"):
            return true
        default:
            return false
        }
    }

    /// Encodes a checksum exactly as MAS does: least significant digit first, then left-padded with `0`.
    ///
    /// The digit order looks backwards, but it is what MAS writes, and tokens must round-trip between the two.
    static func encodeChecksum(_ value: UInt32, width: Int = 6) -> String {
        String(decoding: encodedChecksum(value, width: width), as: UTF8.self)
    }

    /// `encodeChecksum` as UTF-8 bytes, in one array: checked for every token presented (issue 7).
    static func encodedChecksum(_ value: UInt32, width: Int = 6) -> [UInt8] {
        var digitCount = 0
        var number = value
        while number > 0 {
            digitCount += 1
            number /= 62
        }
        var bytes = [UInt8](repeating: UInt8(ascii: "0"), count: max(width, digitCount))
        number = value
        for index in (bytes.count - digitCount)..<bytes.count {
            bytes[index] = alphabetBytes[Int(number % 62)]
            number /= 62
        }
        return bytes
    }

    /// `alphabet` as ASCII bytes.
    private static let alphabetBytes = Array(digits.utf8)

    private static let digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
}
