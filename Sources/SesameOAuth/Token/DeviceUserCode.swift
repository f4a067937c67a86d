/// The short code a person types on the device-link page (RFC 8628 §6.1): 8 characters from 20
/// consonants, so it spells no words and has no look-alike pairs (0/O, 1/I), shown as `XXXX-XXXX`.
/// Stored normalised (upper case, no dash); what people type is compared case-insensitively
/// ignoring dashes and spaces.
public struct DeviceUserCode: Hashable, Sendable, CustomStringConvertible {
    /// The characters a code is made of (RFC 8628 §6.1's example alphabet).
    public static let alphabet = Array("BCDFGHJKLMNPQRSTVWXZ")
    /// Characters per code: 20⁸ ≈ 2.6·10¹⁰ codes, far beyond what a short-lived guess can reach.
    public static let length = 8

    /// The stored form: 8 upper-case characters, no dash.
    public let normalized: String

    /// Reads what a person typed (`bcdf-ghjk`, `BCDF GHJK`, `BCDFGHJK`); nil when it cannot be a code.
    public init?(typed text: String) {
        let cleaned = text.uppercased().filter { $0 != "-" && $0 != " " }
        guard cleaned.count == Self.length, cleaned.allSatisfy(Self.alphabet.contains) else { return nil }
        normalized = cleaned
    }

    /// A fresh random code.
    public static func generate(using generator: inout some RandomNumberGenerator) -> DeviceUserCode {
        DeviceUserCode(typed: String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))!
    }

    /// The display form, `XXXX-XXXX`.
    public var description: String {
        "\(normalized.prefix(Self.length / 2))-\(normalized.suffix(Self.length / 2))"
    }
}
