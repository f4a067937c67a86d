import Crypto
import Foundation
import JWTKit
import _CryptoExtras

/// A private key that signs JWTs, with its `kid` and algorithm.
public struct SigningKey: Sendable {
    /// The key material; one case per ``SigningAlgorithm``.
    enum Material: Sendable {
        case rsa(_RSA.Signing.PrivateKey)
        case p256(P256.Signing.PrivateKey)
    }

    /// The identifier published in the JWKS and written into each token's header.
    public let kid: String
    let material: Material

    /// The algorithm this key signs with.
    public var algorithm: SigningAlgorithm {
        switch material {
        case .rsa: .rs256
        case .p256: .es256
        }
    }

    init(material: Material, kid: String?) {
        self.material = material
        self.kid = kid ?? Self.derivedKID(publicKeyDER: Self.publicKeyDER(of: material))
    }

    /// Generates a fresh key: RSA-2048 for RS256, P-256 for ES256.
    ///
    /// - Parameter kid: the key's identifier; by default one derived from the public key.
    public static func generate(_ algorithm: SigningAlgorithm, kid: String? = nil) throws -> SigningKey {
        switch algorithm {
        case .rs256:
            SigningKey(material: .rsa(try _RSA.Signing.PrivateKey(keySize: .bits2048)), kid: kid)
        case .es256:
            SigningKey(material: .p256(P256.Signing.PrivateKey()), kid: kid)
        }
    }

    /// Reads a private key from PEM: PKCS#8 `PRIVATE KEY`, or the older `RSA PRIVATE KEY` / `EC PRIVATE KEY`.
    ///
    /// - Parameter kid: the key's identifier; by default one derived from the public key, so the same file
    ///   always gets the same `kid`.
    public init(pem: String, kid: String? = nil) throws(SigningKeyError) {
        guard let label = Self.pemLabel(of: pem) else { throw .notPEM }
        let material: Material
        switch label {
        case "RSA PRIVATE KEY":
            material = try Self.rsa(pem: pem, label: label)
        case "EC PRIVATE KEY":
            guard let key = try? P256.Signing.PrivateKey(pemRepresentation: pem) else {
                throw .unreadableKey(label: label)
            }
            material = .p256(key)
        case "PRIVATE KEY":
            // PKCS#8 wraps either kind; its algorithm identifier decides which parser accepts it.
            if let key = try? P256.Signing.PrivateKey(pemRepresentation: pem) {
                material = .p256(key)
            } else {
                material = try Self.rsa(pem: pem, label: label)
            }
        default:
            throw .unsupportedPEMLabel(label)
        }
        self.init(material: material, kid: kid)
    }

    /// The private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), the form ``init(pem:kid:)`` reads back.
    public var pemRepresentation: String {
        switch material {
        case .rsa(let key): key.pkcs8PEMRepresentation
        case .p256(let key): key.pemRepresentation
        }
    }

    /// The public key as published in the JWKS.
    public var publicJWK: JSONWebKey {
        switch material {
        case .rsa(let key):
            // Primitives of a key we hold always exist; the `try!` cannot fail for a parsed or generated key.
            let numbers = try! key.publicKey.getKeyPrimitives()
            return .rsa(
                keyID: kid, algorithm: algorithm,
                modulus: numbers.modulus.base64URLEncoded, exponent: numbers.publicExponent.base64URLEncoded)
        case .p256(let key):
            // x9.63 is 0x04 || x || y, each coordinate 32 bytes.
            let point = key.publicKey.x963Representation
            return .ec(
                keyID: kid, algorithm: algorithm, curve: "P-256",
                x: Data(point[point.startIndex + 1..<point.startIndex + 33]).base64URLEncoded,
                y: Data(point[point.startIndex + 33..<point.startIndex + 65]).base64URLEncoded)
        }
    }

    /// Registers this key with a jwt-kit collection under its `kid`.
    func register(in collection: JWTKeyCollection) async throws {
        let identifier = JWKIdentifier(string: kid)
        switch material {
        case .rsa(let key):
            await collection.add(rsa: try Insecure.RSA.PrivateKey(backing: key), digestAlgorithm: .sha256, kid: identifier)
        case .p256(let key):
            await collection.add(ecdsa: try ES256PrivateKey(backing: key), kid: identifier)
        }
    }

    /// The first 16 characters of the base64url SHA-256 of the DER public key: stable for a key, distinct across keys.
    static func derivedKID(publicKeyDER: Data) -> String {
        String(Data(SHA256.hash(data: publicKeyDER)).base64URLEncoded.prefix(16))
    }

    /// The SubjectPublicKeyInfo DER of the public half.
    private static func publicKeyDER(of material: Material) -> Data {
        switch material {
        case .rsa(let key): key.publicKey.derRepresentation
        case .p256(let key): key.publicKey.derRepresentation
        }
    }

    /// Parses an RSA key, reading small keys too so the error can say how small.
    private static func rsa(pem: String, label: String) throws(SigningKeyError) -> Material {
        guard let key = try? _RSA.Signing.PrivateKey(unsafePEMRepresentation: pem) else {
            throw .unreadableKey(label: label)
        }
        guard key.keySizeInBits >= 2048 else { throw .rsaKeyTooSmall(bits: key.keySizeInBits) }
        return .rsa(key)
    }

    /// The label of the first `-----BEGIN <label>-----` line.
    private static func pemLabel(of pem: String) -> String? {
        guard let begin = pem.range(of: "-----BEGIN "),
            let end = pem.range(of: "-----", range: begin.upperBound..<pem.endIndex)
        else { return nil }
        return String(pem[begin.upperBound..<end.lowerBound])
    }
}
