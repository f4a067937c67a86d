import Foundation
import SesameCrypto
import SesameModel
import SesameOAuth
import SesameStorage
import Testing

@Suite("Token endpoint: refresh_token grant")
struct RefreshTokenGrantTests {
    private typealias F = TokenFixtures

    private func refreshForm(_ token: String, scope: String? = nil) -> FormParameters {
        var pairs = ["grant_type": "refresh_token", "refresh_token": token]
        pairs["scope"] = scope
        return FormParameters(pairs)
    }

    private func refreshToken(_ h: OAuthHarness, _ token: String) async throws -> RefreshToken? {
        try await h.storage.read { try await $0.refreshTokens.find(tokenHash: TokenHash(of: token).hex) }
    }

    @Test("a refresh returns a new pair with the session's scope and rotates the refresh token", arguments: TestBackend.available)
    func rotation(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let session = try await F.session(h, client: client, user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            let response = try await TokenEndpoint(services: h.services)
                .handle(form: refreshForm(issued.refreshToken!.value), credentials: F.publicCredentials(client)).get()
            let newRefresh = try #require(response.refreshToken)
            #expect(newRefresh != issued.refreshToken!.value)
            #expect(response.scope == session.scope.description)
            #expect(response.idToken == nil)
            let old = try await refreshToken(h, issued.refreshToken!.value)
            let successor = try await refreshToken(h, newRefresh)
            #expect(old?.consumedAt != nil)
            #expect(old?.nextRefreshTokenID == successor?.id)
            #expect(await AccessTokenValidator(services: h.services).validate(response.accessToken) != nil)
        }
    }

    @Test("after a refresh the previous access token stops working", arguments: TestBackend.available)
    func oldAccessTokenRevoked(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let session = try await F.session(h, client: client, user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            _ = try await TokenEndpoint(services: h.services).handle(form: refreshForm(issued.refreshToken!.value), credentials: F.publicCredentials(client)).get()
            #expect(await AccessTokenValidator(services: h.services).validate(issued.accessToken.value) == nil)
        }
    }

    @Test("a client that lost the refresh response can retry with the old token while the new pair is unused", arguments: TestBackend.available)
    func lostResponseRetry(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let session = try await F.session(h, client: client, user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            let endpoint = TokenEndpoint(services: h.services)
            let lost = try await endpoint.handle(form: refreshForm(issued.refreshToken!.value), credentials: F.publicCredentials(client)).get()
            let retried = try await endpoint.handle(form: refreshForm(issued.refreshToken!.value), credentials: F.publicCredentials(client)).get()
            #expect(retried.accessToken != lost.accessToken)
            // The pair that never arrived is revoked; the old token now leads to the newest pair.
            #expect(await AccessTokenValidator(services: h.services).validate(lost.accessToken) == nil)
            #expect(try await refreshToken(h, lost.refreshToken!)?.revokedAt != nil)
            #expect(try await refreshToken(h, issued.refreshToken!.value)?.nextRefreshTokenID == (try await refreshToken(h, retried.refreshToken!))?.id)
            #expect(await AccessTokenValidator(services: h.services).validate(retried.accessToken) != nil)
            let next = await endpoint.handle(form: refreshForm(retried.refreshToken!), credentials: F.publicCredentials(client))
            #expect(F.failure(of: next) == nil)
        }
    }

    @Test("replaying a rotated token after its successor was refreshed is invalid_grant and ends the session", arguments: TestBackend.available)
    func replayAfterSuccessorRefreshed(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let session = try await F.session(h, client: client, user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            let endpoint = TokenEndpoint(services: h.services)
            let second = try await endpoint.handle(form: refreshForm(issued.refreshToken!.value), credentials: F.publicCredentials(client)).get()
            let third = try await endpoint.handle(form: refreshForm(second.refreshToken!), credentials: F.publicCredentials(client)).get()
            let replay = await endpoint.handle(form: refreshForm(issued.refreshToken!.value), credentials: F.publicCredentials(client))
            #expect(F.failure(of: replay)?.code == .invalidGrant)
            #expect(try await h.storage.read { try await $0.oauthSessions.find(id: session.id) }?.isActive == false)
            #expect(await AccessTokenValidator(services: h.services).validate(third.accessToken) == nil)
            #expect(try await refreshToken(h, third.refreshToken!)?.revokedAt != nil)
        }
    }

    @Test("replaying a rotated token after its successor's access token was used is invalid_grant and ends the session", arguments: TestBackend.available)
    func replayAfterSuccessorAccessUsed(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let session = try await F.session(h, client: client, user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            let endpoint = TokenEndpoint(services: h.services)
            let second = try await endpoint.handle(form: refreshForm(issued.refreshToken!.value), credentials: F.publicCredentials(client)).get()
            // The homeserver sees the new access token: the client did receive the response.
            #expect(await AccessTokenValidator(services: h.services).validate(second.accessToken) != nil)
            let replay = await endpoint.handle(form: refreshForm(issued.refreshToken!.value), credentials: F.publicCredentials(client))
            #expect(F.failure(of: replay)?.code == .invalidGrant)
            #expect(await AccessTokenValidator(services: h.services).validate(second.accessToken) == nil)
            #expect(try await h.storage.read { try await $0.oauthSessions.find(id: session.id) }?.isActive == false)
        }
    }

    @Test("a narrower scope is accepted; the answer states the scope the tokens carry", arguments: TestBackend.available)
    func narrowerScope(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let session = try await F.session(h, client: client, user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            let response = try await TokenEndpoint(services: h.services)
                .handle(form: refreshForm(issued.refreshToken!.value, scope: MatrixScope.api.rawValue), credentials: F.publicCredentials(client)).get()
            #expect(response.scope == session.scope.description)
        }
    }

    @Test("a wider scope than was granted is invalid_scope", arguments: TestBackend.available)
    func widerScope(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let session = try await F.session(h, client: client, user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            let result = await TokenEndpoint(services: h.services)
                .handle(form: refreshForm(issued.refreshToken!.value, scope: "\(MatrixScope.api) openid"), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidScope)
            #expect(try await refreshToken(h, issued.refreshToken!.value)?.consumedAt == nil)
        }
    }

    @Test("a refresh token presented by another client is invalid_grant", arguments: TestBackend.available)
    func otherClient(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let intruder = try await h.client()
            let session = try await F.session(h, client: client, user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            let result = await TokenEndpoint(services: h.services).handle(form: refreshForm(issued.refreshToken!.value), credentials: F.publicCredentials(intruder))
            #expect(F.failure(of: result) == .invalidGrant("the refresh token was issued to another client"))
        }
    }

    @Test("a refresh token of a finished session is invalid_grant", arguments: TestBackend.available)
    func finishedSession(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let session = try await F.session(h, client: client, user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            try await h.storage.transaction { try await $0.oauthSessions.finish(id: session.id, at: h.clock.now()) }
            let result = await TokenEndpoint(services: h.services).handle(form: refreshForm(issued.refreshToken!.value), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidGrant)
        }
    }

    @Test("a revoked refresh token is invalid_grant", arguments: TestBackend.available)
    func revokedToken(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let session = try await F.session(h, client: client, user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            _ = try await h.storage.transaction { try await $0.refreshTokens.revoke(id: issued.refreshTokenID!, at: h.clock.now()) }
            let result = await TokenEndpoint(services: h.services).handle(form: refreshForm(issued.refreshToken!.value), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result) == .invalidGrant("the refresh token has been revoked"))
        }
    }

    @Test("a locked user's refresh token is invalid_grant", arguments: TestBackend.available)
    func lockedUser(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let session = try await F.session(h, client: client, user: try await h.user("alice"))
            let issued = try await F.tokens(h, for: session)
            try await h.accounts.setLocked(username: "alice", true)
            let result = await TokenEndpoint(services: h.services).handle(form: refreshForm(issued.refreshToken!.value), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result) == .invalidGrant("the account alice is locked"))
        }
    }

    @Test("a refresh token with a bad checksum is invalid_grant", arguments: TestBackend.available)
    func badChecksum(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let session = try await F.session(h, client: client, user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            var forged = issued.refreshToken!.value
            forged.removeLast()
            forged.append(forged.last == "A" ? "B" : "A")
            let result = await TokenEndpoint(services: h.services).handle(form: refreshForm(forged), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidGrant)
        }
    }

    @Test("an access token sent as a refresh token is invalid_grant", arguments: TestBackend.available)
    func accessTokenAsRefresh(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let session = try await F.session(h, client: client, user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            let result = await TokenEndpoint(services: h.services).handle(form: refreshForm(issued.accessToken.value), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidGrant)
        }
    }
}
