import JWTKit

/// The server's signing keys: the newest key of each algorithm signs, older ones stay published so
/// tokens they signed keep verifying until they expire.
public struct SigningKeySet: Sendable {
    /// Every key, oldest first.
    public let keys: [SigningKey]
    private let collection: JWTKeyCollection

    /// A set over `keys`, given oldest first; the last key of each algorithm is the one that signs.
    ///
    /// - Throws: ``SigningKeyError/duplicateKID(_:)`` if two keys share a `kid`.
    public init(keys: [SigningKey]) async throws {
        var seen: Set<String> = []
        for key in keys {
            guard seen.insert(key.kid).inserted else { throw SigningKeyError.duplicateKID(key.kid) }
        }
        let collection = JWTKeyCollection()
        for key in keys {
            try await key.register(in: collection)
        }
        self.keys = keys
        self.collection = collection
    }

    /// The key that signs new tokens for `algorithm`: the newest one.
    public func signingKey(for algorithm: SigningAlgorithm) -> SigningKey? {
        keys.last { $0.algorithm == algorithm }
    }

    /// The algorithms this set can sign with, for `id_token_signing_alg_values_supported` in discovery.
    public var signingAlgorithms: [SigningAlgorithm] {
        SigningAlgorithm.allCases.filter { signingKey(for: $0) != nil }
    }

    /// The public JWKS document listing every key.
    public func jwks() -> JSONWebKeySet {
        JSONWebKeySet(keys: keys.map(\.publicJWK))
    }

    /// Signs `payload` with the newest key for `algorithm`, putting its `kid` in the header.
    ///
    /// Give dates in the payload whole seconds: jwt-kit writes fractional `iat`/`exp` otherwise,
    /// which some clients reject.
    /// - Parameter type: the header's `typ`, e.g. `at+jwt` for RFC 9068 access tokens; `JWT` when `nil`.
    public func sign(
        _ payload: some JWTPayload,
        algorithm: SigningAlgorithm = .rs256,
        type: String? = nil
    ) async throws -> String {
        guard let key = signingKey(for: algorithm) else { throw SigningKeyError.noKey(for: algorithm) }
        var header = JWTHeader()
        header.typ = type
        return try await collection.sign(payload, kid: JWKIdentifier(string: key.kid), header: header)
    }

    /// Verifies a token signed by any key in the set (chosen by its `kid`) and checks its claims.
    public func verify<Payload: JWTPayload>(_ token: String, as payload: Payload.Type = Payload.self) async throws -> Payload {
        try await collection.verify(token, as: payload)
    }
}
