/// The public half of a signing key as a JWK (RFC 7517), for the JWKS document clients verify tokens with.
///
/// Built by hand from the key's public numbers because jwt-kit has no JWK export.
public struct JSONWebKey: Codable, Hashable, Sendable {
    /// `kty`: `RSA` or `EC`.
    public let keyType: String
    /// `use`: always `sig`, since these keys only sign.
    public let use: String
    /// `alg`: the JWS algorithm this key is for.
    public let algorithm: String
    /// `kid`: the identifier tokens carry in their header.
    public let keyID: String
    /// `n`: the RSA modulus, base64url.
    public let modulus: String?
    /// `e`: the RSA public exponent, base64url.
    public let exponent: String?
    /// `crv`: the elliptic curve, `P-256`.
    public let curve: String?
    /// `x`: the EC point's x coordinate, base64url.
    public let x: String?
    /// `y`: the EC point's y coordinate, base64url.
    public let y: String?

    /// The RFC 7517/7518 member names.
    enum CodingKeys: String, CodingKey {
        case keyType = "kty"
        case use
        case algorithm = "alg"
        case keyID = "kid"
        case modulus = "n"
        case exponent = "e"
        case curve = "crv"
        case x
        case y
    }

    /// An RSA public key (RFC 7518 §6.3.1).
    static func rsa(keyID: String, algorithm: SigningAlgorithm, modulus: String, exponent: String) -> JSONWebKey {
        JSONWebKey(
            keyType: "RSA", use: "sig", algorithm: algorithm.rawValue, keyID: keyID,
            modulus: modulus, exponent: exponent, curve: nil, x: nil, y: nil)
    }

    /// An elliptic-curve public key (RFC 7518 §6.2.1).
    static func ec(keyID: String, algorithm: SigningAlgorithm, curve: String, x: String, y: String) -> JSONWebKey {
        JSONWebKey(
            keyType: "EC", use: "sig", algorithm: algorithm.rawValue, keyID: keyID,
            modulus: nil, exponent: nil, curve: curve, x: x, y: y)
    }
}
