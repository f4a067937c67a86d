/// A Matrix device ID. It travels inside the scope `urn:matrix:client:device:ID`, so it must be made
/// of scope-token characters; 1 to 255 of them.
public struct DeviceID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The device ID text.
    public let rawValue: String

    /// Parses a device ID; nil when empty, too long, or containing a character a scope cannot carry.
    public init?(_ text: some StringProtocol) {
        guard (1...255).contains(text.utf8.count), text.utf8.allSatisfy(ScopeToken.isScopeCharacter) else { return nil }
        rawValue = String(text)
    }

    /// A fresh random device ID of ten upper-case letters, like Synapse's own.
    public static func random(using generator: inout some RandomNumberGenerator) -> DeviceID {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return DeviceID(String((0..<10).map { _ in letters.randomElement(using: &generator)! }))!
    }

    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
