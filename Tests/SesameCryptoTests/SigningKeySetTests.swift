import Foundation
import JWTKit
import Testing

@testable import SesameCrypto

@Suite("Signing key set: JWKS, signing and rotation")
struct SigningKeySetTests {
    private func twoKeySet() async throws -> SigningKeySet {
        try await SigningKeySet(keys: [
            SigningKey(pem: Fixtures.rsaPKCS1PEM), SigningKey(pem: Fixtures.ecSEC1PEM),
        ])
    }

    /// The decoded bytes of a token's header (0) or payload (1).
    private func segment(_ index: Int, of token: String) throws -> Data {
        var base64 = String(token.split(separator: ".")[index])
            .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return try #require(Data(base64Encoded: base64))
    }

    /// The JSON object of a token's header.
    private func header(of token: String) throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: segment(0, of: token))
    }

    @Test("the JWKS JSON has the standard members for an RSA and an EC key, and nothing else")
    func jwksJSON() async throws {
        let data = try await twoKeySet().jwks().jsonData()
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: [[String: String]]])
        let keys = try #require(object["keys"])
        #expect(keys.count == 2)
        #expect(keys[0] == [
            "kty": "RSA", "use": "sig", "alg": "RS256", "kid": Fixtures.rsaKID,
            "n": Fixtures.rsaModulus, "e": "AQAB",
        ])
        #expect(keys[1] == [
            "kty": "EC", "use": "sig", "alg": "ES256", "kid": Fixtures.ecKID,
            "crv": "P-256", "x": Fixtures.ecX, "y": Fixtures.ecY,
        ])
    }

    @Test("an RS256 token's header carries alg RS256, the signing key's kid and typ JWT")
    func rs256Header() async throws {
        let token = try await twoKeySet().sign(TestClaims(subject: "alice"), algorithm: .rs256)
        #expect(try header(of: token) == ["alg": "RS256", "kid": Fixtures.rsaKID, "typ": "JWT"])
    }

    @Test("an ES256 token's header carries alg ES256 and the EC key's kid")
    func es256Header() async throws {
        let token = try await twoKeySet().sign(TestClaims(subject: "alice"), algorithm: .es256)
        #expect(try header(of: token) == ["alg": "ES256", "kid": Fixtures.ecKID, "typ": "JWT"])
    }

    @Test("a JWT access token can carry typ at+jwt (RFC 9068 §2.1)")
    func accessTokenType() async throws {
        let token = try await twoKeySet().sign(TestClaims(subject: "alice"), algorithm: .es256, type: "at+jwt")
        #expect(try header(of: token)["typ"] == "at+jwt")
    }

    @Test("a token verifies against a key collection built only from the published JWKS", arguments: SigningAlgorithm.allCases)
    func verifiesWithPublishedJWKS(algorithm: SigningAlgorithm) async throws {
        let set = try await SigningKeySet(keys: [SigningKey.generate(.rs256), SigningKey.generate(.es256)])
        let claims = TestClaims(subject: "@alice:example.org")
        let token = try await set.sign(claims, algorithm: algorithm)

        let json = String(decoding: try set.jwks().jsonData(), as: UTF8.self)
        let client = try await JWTKeyCollection().add(jwksJSON: json)
        #expect(try await client.verify(token, as: TestClaims.self) == claims)
    }

    @Test("a token whose payload was altered fails verification")
    func tamperedTokenFails() async throws {
        let set = try await twoKeySet()
        let token = try await set.sign(TestClaims(subject: "alice"))
        let parts = token.split(separator: ".")
        let forgedPayload = try await set.sign(TestClaims(subject: "mallory")).split(separator: ".")[1]
        let forged = [parts[0], forgedPayload, parts[2]].joined(separator: ".")
        await #expect(throws: JWTError.self) { try await set.verify(forged, as: TestClaims.self) }
    }

    @Test("the newest key of an algorithm signs; the older one stays published and still verifies")
    func rotation() async throws {
        let old = try SigningKey(pem: Fixtures.rsaPKCS1PEM)
        let oldToken = try await SigningKeySet(keys: [old]).sign(TestClaims(subject: "alice"))
        let new = try SigningKey.generate(.rs256)
        let rotated = try await SigningKeySet(keys: [old, new])

        #expect(rotated.signingKey(for: .rs256)?.kid == new.kid)
        #expect(rotated.jwks().keys.map(\.keyID) == [old.kid, new.kid])
        #expect(try header(of: try await rotated.sign(TestClaims(subject: "bob")))["kid"] == new.kid)
        #expect(try await rotated.verify(oldToken, as: TestClaims.self).sub.value == "alice")
    }

    @Test("signing with an algorithm the set has no key for is a precise error")
    func noKeyForAlgorithm() async throws {
        let set = try await SigningKeySet(keys: [SigningKey(pem: Fixtures.ecSEC1PEM)])
        #expect(set.signingAlgorithms == [.es256])
        await #expect(throws: SigningKeyError.noKey(for: .rs256)) {
            try await set.sign(TestClaims(subject: "alice"), algorithm: .rs256)
        }
    }

    @Test("two keys with one kid are refused")
    func duplicateKID() async throws {
        let key = try SigningKey(pem: Fixtures.ecSEC1PEM)
        await #expect(throws: SigningKeyError.duplicateKID(Fixtures.ecKID)) {
            try await SigningKeySet(keys: [key, key])
        }
    }

    @Test("whole-second dates are written as integer exp")
    func integerExpiry() async throws {
        let token = try await twoKeySet().sign(
            TestClaims(subject: "alice", expires: Date(timeIntervalSince1970: 4_102_444_800)))
        let payload = String(decoding: try segment(1, of: token), as: UTF8.self)
        #expect(payload.contains("\"exp\":4102444800"))
        #expect(!payload.contains("4102444800."))
    }
}
