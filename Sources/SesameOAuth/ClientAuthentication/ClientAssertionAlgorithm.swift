/// A JWS algorithm Sesame accepts on a client assertion (RFC 7523 §3), as published in
/// `token_endpoint_auth_signing_alg_values_supported`.
public enum ClientAssertionAlgorithm: String, CaseIterable, Sendable {
    case hs256 = "HS256", hs384 = "HS384", hs512 = "HS512"
    case rs256 = "RS256", rs384 = "RS384", rs512 = "RS512"
    case ps256 = "PS256", ps384 = "PS384", ps512 = "PS512"
    case es256 = "ES256", es384 = "ES384", es512 = "ES512"
    case edDSA = "EdDSA"

    /// Whether the client secret keys it (`client_secret_jwt`) rather than the client's own key pair (`private_key_jwt`).
    public var usesClientSecret: Bool {
        switch self {
        case .hs256, .hs384, .hs512: true
        default: false
        }
    }

    /// The algorithms for `client_secret_jwt`.
    public static var clientSecretAlgorithms: [ClientAssertionAlgorithm] { allCases.filter(\.usesClientSecret) }

    /// The algorithms for `private_key_jwt`.
    public static var privateKeyAlgorithms: [ClientAssertionAlgorithm] { allCases.filter { !$0.usesClientSecret } }

    /// The JWK `kty` of keys that verify this algorithm (RFC 7518 §6.1, RFC 8037 §2); nil for HMAC.
    var keyType: String? {
        switch self {
        case .hs256, .hs384, .hs512: nil
        case .rs256, .rs384, .rs512, .ps256, .ps384, .ps512: "RSA"
        case .es256, .es384, .es512: "EC"
        case .edDSA: "OKP"
        }
    }

    /// The JWK `crv` a key must name for this algorithm (RFC 7518 §3.4); nil when the curve is not fixed.
    var curve: String? {
        switch self {
        case .es256: "P-256"
        case .es384: "P-384"
        case .es512: "P-521"
        case .edDSA: "Ed25519"
        default: nil
        }
    }
}
