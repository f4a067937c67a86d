import Foundation

/// The JWKS document served at `/oauth2/keys.json` (RFC 7517 §5).
public struct JSONWebKeySet: Codable, Hashable, Sendable {
    /// Every published public key, signing and retired alike.
    public let keys: [JSONWebKey]

    /// A set of the given keys.
    public init(keys: [JSONWebKey]) {
        self.keys = keys
    }

    /// The JSON body, with sorted keys so the document is byte-for-byte stable between restarts (and caches hold).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
