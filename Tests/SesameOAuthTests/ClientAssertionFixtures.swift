import Crypto
import Foundation
import JWTKit
import SesameCrypto
import SesameModel
import SesameOAuth

/// The claims a client puts in an assertion (RFC 7523 §3), with a field per test knob.
struct TestAssertionClaims: JWTPayload {
    var iss: String?
    var sub: String?
    var aud: [String]?
    var exp: Int?
    var iat: Int?
    var nbf: Int?
    var jti: String?

    /// Valid claims for `clientID` at `now`: one minute to live, addressed to `audience`.
    init(clientID: String, audience: String, now: Date) {
        let seconds = Int(now.timeIntervalSince1970)
        iss = clientID
        sub = clientID
        aud = [audience]
        exp = seconds + 60
        iat = seconds
        jti = UUID().uuidString
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// A key pair a client signs its assertions with, and the public JWKS it registers.
struct ClientKeyPair: Sendable {
    let keys: JWTKeyCollection
    let publicJWKS: String

    /// Signs `claims` with this key; the header carries `kid` unless it is nil.
    func sign(_ claims: TestAssertionClaims, kid: String? = "client-key-1") async throws -> String {
        var header = JWTHeader()
        header.kid = kid
        return try await keys.sign(claims, header: header)
    }

    /// An RSA-2048 pair (shared per test process: generation is slow) for RS256, or PS256 when `pss`.
    static func rsa(pss: Bool = false, jwkAlgorithm: String? = nil) async throws -> ClientKeyPair {
        let key = try await SharedClientRSAKey.instance.key()
        let collection = JWTKeyCollection()
        if pss {
            await collection.add(pss: key, digestAlgorithm: .sha256)
        } else {
            await collection.add(rsa: key, digestAlgorithm: .sha256)
        }
        let numbers = try key.publicKey.getKeyPrimitives()
        var jwk: [String: String] = [
            "kty": "RSA", "kid": "client-key-1", "use": "sig",
            "n": numbers.modulus.base64URL, "e": numbers.publicExponent.base64URL,
        ]
        jwk["alg"] = jwkAlgorithm
        return ClientKeyPair(keys: collection, publicJWKS: try jwksJSON([jwk]))
    }

    /// A fresh P-256 pair for ES256.
    static func p256() async throws -> ClientKeyPair {
        let key = ES256PrivateKey()
        let collection = JWTKeyCollection()
        await collection.add(ecdsa: key)
        let parameters = try requireParameters(key.publicKey.parameters)
        let jwk = ["kty": "EC", "kid": "client-key-1", "crv": "P-256", "x": parameters.x, "y": parameters.y]
        return ClientKeyPair(keys: collection, publicJWKS: try jwksJSON([jwk]))
    }

    /// A fresh Ed25519 pair for EdDSA.
    static func ed25519() async throws -> ClientKeyPair {
        let key = try EdDSA.PrivateKey(curve: .ed25519)
        let collection = JWTKeyCollection()
        await collection.add(eddsa: key)
        let jwk = ["kty": "OKP", "kid": "client-key-1", "crv": "Ed25519", "x": key.publicKey.rawRepresentation.base64URL]
        return ClientKeyPair(keys: collection, publicJWKS: try jwksJSON([jwk]))
    }

    private static func jwksJSON(_ keys: [[String: String]]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: ["keys": keys], options: [.sortedKeys]), as: UTF8.self)
    }
}

/// Fails loudly if jwt-kit could not export an EC key's coordinates.
private func requireParameters(_ parameters: ECDSAParameters?) throws -> ECDSAParameters {
    guard let parameters else { throw TestFixtureError.missingKeyParameters }
    return parameters
}

enum TestFixtureError: Error { case missingKeyParameters }

/// Signs `claims` with HMAC keyed by `secret` (client_secret_jwt).
func hmacAssertion(_ claims: TestAssertionClaims, secret: String, digest: DigestAlgorithm = .sha256) async throws -> String {
    let keys = JWTKeyCollection()
    await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: digest)
    return try await keys.sign(claims)
}

/// An HS256 token signed with plain swift-crypto, for keys jwt-kit will not take.
func handMadeHS256(_ claims: TestAssertionClaims, secret: String) throws -> String {
    let input = Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8).base64URL + "." + (try JSONEncoder().encode(claims)).base64URL
    let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: Data(secret.utf8)))
    return input + "." + Data(mac).base64URL
}

/// An unsigned (`alg: none`) token with `claims`, as an attacker would send it.
func unsignedAssertion(_ claims: TestAssertionClaims) throws -> String {
    let header = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64URL
    return header + "." + (try JSONEncoder().encode(claims)).base64URL + "."
}

/// A JWKS fetcher that serves documents from memory.
struct InMemoryJWKSFetcher: JWKSFetcher {
    let documents: [String: String]

    func fetchJWKS(_ uri: String) async throws -> String {
        guard let document = documents[uri] else { throw URLError(.fileDoesNotExist) }
        return document
    }
}

extension OAuthServices {
    /// The same services with another JWKS fetcher.
    func with(jwksFetcher: any JWKSFetcher) -> OAuthServices {
        OAuthServices(
            storage: storage, clock: clock, settings: settings, signingKeys: signingKeys, secretBox: secretBox,
            jwksFetcher: jwksFetcher)
    }
}

extension OAuthHarness {
    /// Stores a `private_key_jwt` client with an inline JWKS or a `jwks_uri`.
    func keyClient(jwks: String? = nil, jwksURI: String? = nil) async throws -> OAuthClient {
        let now = clock.now()
        let client = OAuthClient(
            id: ClientID(date: now), clientName: "Key App", clientURI: "https://app.example.com/",
            redirectURIs: ["https://app.example.com/callback"], grantTypes: [.authorizationCode, .clientCredentials],
            tokenEndpointAuthMethod: .privateKeyJWT, jwks: jwks, jwksURI: jwksURI, createdAt: now)
        try await storage.transaction { try await $0.oauthClients.add(client) }
        return client
    }

    /// The token endpoint URL, the audience most assertions name.
    var tokenEndpoint: String { settings.url("oauth2/token") }
}

extension Data {
    /// Base64url without padding.
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// One RSA key per test process, standing in for a client's key pair.
private actor SharedClientRSAKey {
    static let instance = SharedClientRSAKey()
    private var cached: JWTKit.Insecure.RSA.PrivateKey?

    func key() throws -> JWTKit.Insecure.RSA.PrivateKey {
        if let cached { return cached }
        let pem = try SigningKey.generate(.rs256).pemRepresentation
        let key = try JWTKit.Insecure.RSA.PrivateKey(pem: pem)
        cached = key
        return key
    }
}
