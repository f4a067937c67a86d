import Foundation
import Testing

@testable import SesameCrypto

@Suite("Signing keys: generation, PEM and kid")
struct SigningKeyTests {
    @Test("a generated RS256 key is a 2048-bit RSA key with exponent 65537")
    func generateRSA() throws {
        let key = try SigningKey.generate(.rs256)
        let jwk = key.publicJWK
        #expect(key.algorithm == .rs256)
        #expect(jwk.exponent == "AQAB")
        // 256 bytes of modulus in unpadded base64url.
        #expect(jwk.modulus?.count == 342)
    }

    @Test("a generated ES256 key is on P-256")
    func generateEC() throws {
        let key = try SigningKey.generate(.es256)
        let jwk = key.publicJWK
        #expect(key.algorithm == .es256)
        #expect(jwk.curve == "P-256")
        #expect(jwk.x?.count == 43)
        #expect(jwk.y?.count == 43)
    }

    @Test("keys are written as PKCS#8 and read back with the same kid", arguments: SigningAlgorithm.allCases)
    func pkcs8RoundTrip(algorithm: SigningAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        #expect(key.pemRepresentation.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let reloaded = try SigningKey(pem: key.pemRepresentation)
        #expect(reloaded.kid == key.kid)
        #expect(reloaded.algorithm == algorithm)
        #expect(reloaded.publicJWK == key.publicJWK)
    }

    @Test("an OpenSSL RSA PRIVATE KEY loads, with the kid OpenSSL's public key DER gives")
    func pkcs1FromOpenSSL() throws {
        let key = try SigningKey(pem: Fixtures.rsaPKCS1PEM)
        #expect(key.algorithm == .rs256)
        #expect(key.kid == Fixtures.rsaKID)
        #expect(key.publicJWK.modulus == Fixtures.rsaModulus)
        #expect(key.publicJWK.exponent == "AQAB")
    }

    @Test("an OpenSSL EC PRIVATE KEY loads, with the kid and point OpenSSL gives")
    func sec1FromOpenSSL() throws {
        let key = try SigningKey(pem: Fixtures.ecSEC1PEM)
        #expect(key.algorithm == .es256)
        #expect(key.kid == Fixtures.ecKID)
        #expect(key.publicJWK.x == Fixtures.ecX)
        #expect(key.publicJWK.y == Fixtures.ecY)
    }

    @Test("an explicit kid overrides the derived one")
    func explicitKID() throws {
        let key = try SigningKey(pem: Fixtures.ecSEC1PEM, kid: "2024-01")
        #expect(key.kid == "2024-01")
        #expect(key.publicJWK.keyID == "2024-01")
    }

    @Test("different keys get different kids")
    func kidsDiffer() throws {
        #expect(try SigningKey.generate(.es256).kid != SigningKey.generate(.es256).kid)
    }

    @Test("a 1024-bit RSA key is refused with its size")
    func smallRSA() {
        #expect(throws: SigningKeyError.rsaKeyTooSmall(bits: 1024)) {
            try SigningKey(pem: Fixtures.rsa1024PEM)
        }
    }

    @Test("a P-384 key is refused as unreadable")
    func otherCurve() {
        #expect(throws: SigningKeyError.unreadableKey(label: "EC PRIVATE KEY")) {
            try SigningKey(pem: Fixtures.ecP384PEM)
        }
    }

    @Test("a public key cannot be loaded as a signing key")
    func publicKeyRefused() throws {
        let pem = """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAELDQU5xnSV2Hv98OsJ2gkULRB9j72
            K/F0+P2mCFe+jSS3VfLhqJlFctq+lRWaZ8PVxJGHkSAxYlcuMYipJLWZEg==
            -----END PUBLIC KEY-----
            """
        #expect(throws: SigningKeyError.unsupportedPEMLabel("PUBLIC KEY")) {
            try SigningKey(pem: pem)
        }
    }

    @Test("text without a PEM header is not PEM")
    func notPEM() {
        #expect(throws: SigningKeyError.notPEM) { try SigningKey(pem: "hello") }
    }

    @Test("a PKCS#8 block with garbage inside is unreadable")
    func garbagePKCS8() {
        let pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
        #expect(throws: SigningKeyError.unreadableKey(label: "PRIVATE KEY")) { try SigningKey(pem: pem) }
    }
}
