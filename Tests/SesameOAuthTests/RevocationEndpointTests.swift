import Foundation
import SesameCrypto
import SesameModel
import SesameOAuth
import SesameStorage
import Testing

@Suite("Revocation endpoint")
struct RevocationEndpointTests {
    private typealias F = TokenFixtures

    private func revoke(_ h: OAuthHarness, _ token: String, by client: OAuthClient, hint: String? = nil) async -> Result<RevocationOutcome, OAuthError> {
        var pairs = ["token": token]
        pairs["token_type_hint"] = hint
        return await RevocationEndpoint(services: h.services).handle(form: FormParameters(pairs), credentials: F.publicCredentials(client))
    }

    private func endedSessionID(_ outcome: RevocationOutcome) -> OAuthSessionID? {
        guard case .endedSession(let session) = outcome else { return nil }
        return session.id
    }

    @Test("revoking the refresh token ends the session: the access token stops working too", arguments: TestBackend.available)
    func refreshKillsAccess(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let session = try await F.session(h, client: client, user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            let outcome = try await revoke(h, issued.refreshToken!.value, by: client, hint: "refresh_token").get()
            #expect(endedSessionID(outcome) == session.id)
            #expect(await AccessTokenValidator(services: h.services).validate(issued.accessToken.value) == nil)
            #expect(try await h.storage.read { try await $0.oauthSessions.find(id: session.id) }?.isActive == false)
        }
    }

    @Test("revoking the access token ends the session: the refresh token stops working too", arguments: TestBackend.available)
    func accessKillsRefresh(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let session = try await F.session(h, client: client, user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            _ = try await revoke(h, issued.accessToken.value, by: client).get()
            let refresh = await TokenEndpoint(services: h.services)
                .handle(form: FormParameters(["grant_type": "refresh_token", "refresh_token": issued.refreshToken!.value]), credentials: F.publicCredentials(client))
            #expect(F.failure(of: refresh)?.code == .invalidGrant)
        }
    }

    @Test("a wrong token_type_hint does not stop the revocation", arguments: TestBackend.available)
    func wrongHint(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let session = try await F.session(h, client: client, user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            let outcome = try await revoke(h, issued.accessToken.value, by: client, hint: "refresh_token").get()
            #expect(endedSessionID(outcome) == session.id)
        }
    }

    @Test("a token of another client is unauthorized_client and stays valid", arguments: TestBackend.available)
    func otherClient(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let intruder = try await h.client()
            let session = try await F.session(h, client: client, user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            let result = await revoke(h, issued.accessToken.value, by: intruder)
            #expect(F.failure(of: result)?.code == .unauthorizedClient)
            #expect(await AccessTokenValidator(services: h.services).validate(issued.accessToken.value) != nil)
        }
    }

    @Test("an unknown token is a success that does nothing", arguments: TestBackend.available)
    func unknownToken(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            #expect(try await revoke(h, OpaqueToken.generate(.refreshToken).value, by: client).get() == .nothing)
        }
    }

    @Test("a malformed token is a success that does nothing", arguments: TestBackend.available)
    func malformedToken(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            #expect(try await revoke(h, "definitely not a token", by: client).get() == .nothing)
        }
    }

    @Test("a compat token is not revocable here: success, and it stays active", arguments: TestBackend.available)
    func compatToken(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend, configure: { $0.matrixSharedSecret = F.homeserverSecret }) { h in
            let client = try await h.client()
            let alice = try await h.user()
            let now = h.clock.now()
            let session = CompatSession(id: CompatSessionID(date: now), userID: alice.id, deviceID: DeviceID("COMPAT")!, createdAt: now)
            let access = CompatAccessToken(id: CompatAccessTokenID(date: now), sessionID: session.id, createdAt: now, expiresAt: nil)
            let value = OpaqueToken.generate(.compatAccessToken).value
            try await h.storage.transaction { repositories in
                try await repositories.compatSessions.add(session)
                try await repositories.compatAccessTokens.add(access, tokenHash: TokenHash(of: value).hex)
            }
            #expect(try await revoke(h, value, by: client).get() == .nothing)
            let answer = try await IntrospectionEndpoint(services: h.services)
                .handle(form: FormParameters(["token": value]), credentials: nil, bearer: F.homeserverSecret).get()
            #expect(answer.active)
        }
    }

    @Test("a missing token parameter is invalid_request", arguments: TestBackend.available)
    func missingToken(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let result = await RevocationEndpoint(services: h.services).handle(form: FormParameters([:]), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidRequest)
        }
    }
}
