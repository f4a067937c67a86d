import Foundation
import SesameModel
import SesameOAuth
import Testing

@Suite("ID tokens")
struct IDTokenIssuerTests {
    private typealias F = TokenFixtures

    @Test("c_hash follows OIDC Core: the example code of Appendix A hashes to LDktKdoQak3Pk0cnXxCltA", arguments: TestBackend.available)
    func codeHash(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let alice = try await h.user()
            let client = try await h.client()
            let jwt = try await IDTokenIssuer(services: h.services).issue(
                for: alice, client: client, nonce: nil, authTime: nil, accessToken: nil,
                code: "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk", at: h.clock.now()
            )
            let claims = try await F.idTokenClaims(h, jwt)
            #expect(claims.cHash == "LDktKdoQak3Pk0cnXxCltA")
            #expect(claims.atHash == nil)
            #expect(claims.authTime == nil)
        }
    }

    @Test("times are whole seconds even when the clock is not", arguments: TestBackend.available)
    func wholeSeconds(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            h.clock.advance(by: 0.75)
            let jwt = try await IDTokenIssuer(services: h.services).issue(
                for: try await h.user(), client: try await h.client(), nonce: nil, authTime: h.clock.now(), accessToken: nil, at: h.clock.now()
            )
            let payload = String(jwt.split(separator: ".")[1])
            var base64 = payload.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
            let data = try #require(Data(base64Encoded: base64))
            let json = String(decoding: data, as: UTF8.self)
            for claim in ["iat", "exp", "auth_time"] {
                #expect(json.range(of: "\"\(claim)\":[0-9]+[,}]", options: .regularExpression) != nil, "\(claim) in \(json)")
            }
        }
    }

    @Test("an algorithm the key set cannot sign with falls back to RS256", arguments: TestBackend.available)
    func unsupportedAlgorithm(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = OAuthClient(id: ClientID(date: h.clock.now()), idTokenSignedResponseAlg: "PS512", createdAt: h.clock.now())
            #expect(IDTokenIssuer(services: h.services).algorithm(for: client) == .rs256)
        }
    }
}
