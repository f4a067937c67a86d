import Foundation
import SesameCrypto
import SesameModel
import SesameOAuth
import SesameStorage
import Testing

@Suite("Access token validation")
struct AccessTokenValidatorTests {
    private typealias F = TokenFixtures

    @Test("a valid access token yields its user, session and scope", arguments: TestBackend.available)
    func valid(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let alice = try await h.user()
            let session = try await F.session(h, client: try await h.client(), user: alice, scope: ["openid", MatrixScope.api])
            let issued = try await F.tokens(h, for: session)
            let access = try #require(await AccessTokenValidator(services: h.services).validate(issued.accessToken.value))
            #expect(access.user?.id == alice.id)
            #expect(access.session.id == session.id)
            #expect(access.scope == ["openid", MatrixScope.api])
            #expect(access.token.firstUsedAt != nil)
        }
    }

    @Test("a refresh token is not accepted as an access token", arguments: TestBackend.available)
    func refreshTokenRefused(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let session = try await F.session(h, client: try await h.client(), user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            #expect(await AccessTokenValidator(services: h.services).validate(issued.refreshToken!.value) == nil)
        }
    }

    @Test("the first use is kept when the token is used again", arguments: TestBackend.available)
    func firstUseKept(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let session = try await F.session(h, client: try await h.client(), user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            let validator = AccessTokenValidator(services: h.services)
            _ = await validator.validate(issued.accessToken.value)
            let first = try await h.storage.read { try await $0.accessTokens.find(id: issued.accessTokenID) }?.firstUsedAt
            h.clock.advance(by: 30)
            _ = await validator.validate(issued.accessToken.value)
            let second = try await h.storage.read { try await $0.accessTokens.find(id: issued.accessTokenID) }?.firstUsedAt
            #expect(first != nil)
            #expect(second == first)
        }
    }
}
