import Foundation
import SesameCrypto
import SesameModel
import SesameOAuth
import SesameStorage
import Testing

@Suite("Introspection endpoint")
struct IntrospectionEndpointTests {
    private typealias F = TokenFixtures

    private func withHomeserver<T: Sendable>(_ backend: TestBackend, _ body: (OAuthHarness) async throws -> T) async throws -> T {
        try await OAuthHarness.with(backend, configure: { $0.matrixSharedSecret = F.homeserverSecret }, body)
    }

    /// Asks as Synapse does: the shared secret as bearer, `token_type_hint=access_token`.
    private func introspect(_ h: OAuthHarness, _ token: String) async throws -> IntrospectionResponse {
        try await IntrospectionEndpoint(services: h.services)
            .handle(form: FormParameters(["token": token, "token_type_hint": "access_token"]), credentials: nil, bearer: F.homeserverSecret).get()
    }

    /// A compat (`/login`) session on device `COMPAT` with one access token (and refresh token).
    private func compatTokens(_ h: OAuthHarness, user: User, admin: Bool = false) async throws -> (access: String, refresh: String) {
        let now = h.clock.now()
        let session = CompatSession(id: CompatSessionID(date: now), userID: user.id, deviceID: DeviceID("COMPAT")!, isSynapseAdmin: admin, createdAt: now)
        let access = CompatAccessToken(id: CompatAccessTokenID(date: now), sessionID: session.id, createdAt: now, expiresAt: now.addingTimeInterval(300))
        let refresh = CompatRefreshToken(id: CompatRefreshTokenID(date: now), sessionID: session.id, accessTokenID: access.id, createdAt: now)
        let accessToken = OpaqueToken.generate(.compatAccessToken).value
        let refreshToken = OpaqueToken.generate(.compatRefreshToken).value
        try await h.storage.transaction { repositories in
            try await repositories.compatSessions.add(session)
            try await repositories.compatAccessTokens.add(access, tokenHash: TokenHash(of: accessToken).hex)
            try await repositories.compatRefreshTokens.add(refresh, tokenHash: TokenHash(of: refreshToken).hex)
        }
        return (accessToken, refreshToken)
    }

    /// A personal session acting as `user` with one token.
    private func personalToken(_ h: OAuthHarness, user: User, scope: Scope) async throws -> String {
        let now = h.clock.now()
        let session = PersonalSession(id: PersonalSessionID(date: now), owner: .user(user.id), actorUserID: user.id, humanName: "bot", scope: scope, createdAt: now)
        let token = PersonalAccessToken(id: PersonalAccessTokenID(date: now), sessionID: session.id, createdAt: now, expiresAt: nil)
        let value = OpaqueToken.generate(.personalAccessToken).value
        try await h.storage.transaction { repositories in
            try await repositories.personalSessions.add(session)
            try await repositories.personalAccessTokens.add(token, tokenHash: TokenHash(of: value).hex)
        }
        return value
    }

    @Test("the homeserver learns the user, device, both scope spellings and lifetime of an OAuth access token", arguments: TestBackend.available)
    func activeAccessToken(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let alice = try await h.user()
            let client = try await h.client()
            let session = try await F.session(h, client: client, user: alice, scope: [MatrixScope.api, "urn:matrix:client:device:PHONE"])
            let issued = try await F.tokens(h, for: session)
            let answer = try await introspect(h, issued.accessToken.value)
            #expect(answer.active)
            #expect(answer.username == "alice")
            #expect(answer.sub == alice.id.description)
            #expect(answer.clientID == client.id.description)
            #expect(answer.deviceID == "PHONE")
            #expect(answer.tokenType == "access_token")
            // Whole seconds left, rounded down so a cache never outlives the token.
            #expect((299...300).contains(answer.expiresIn ?? 0))
            let scope = try #require(answer.scope.flatMap { Scope(parsing: $0) })
            #expect(scope.contains(MatrixScope.api) && scope.contains(MatrixScope.unstableAPI))
            #expect(scope.contains("urn:matrix:client:device:PHONE") && scope.contains("urn:matrix:org.matrix.msc2967.client:device:PHONE"))
            let exp = try #require(answer.exp)
            let iat = try #require(answer.iat)
            #expect(exp - iat == 300)
        }
    }

    @Test("an inactive answer is exactly {\"active\": false}", arguments: TestBackend.available)
    func inactiveShape(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let answer = try await introspect(h, OpaqueToken.generate(.accessToken).value)
            let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(answer)) as? [String: Bool]
            #expect(json == ["active": false])
        }
    }

    @Test("introspecting an access token records its first use", arguments: TestBackend.available)
    func marksFirstUse(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let session = try await F.session(h, client: try await h.client(), user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            _ = try await introspect(h, issued.accessToken.value)
            let stored = try await h.storage.read { try await $0.accessTokens.find(id: issued.accessTokenID) }
            #expect(stored?.firstUsedAt != nil)
        }
    }

    @Test("a token with a bad checksum is inactive", arguments: TestBackend.available)
    func badChecksum(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let session = try await F.session(h, client: try await h.client(), user: try await h.user())
            var forged = try await F.tokens(h, for: session).accessToken.value
            forged.removeLast()
            forged.append(forged.last == "A" ? "B" : "A")
            #expect(try await introspect(h, forged) == .inactive)
        }
    }

    @Test("an expired access token is inactive", arguments: TestBackend.available)
    func expired(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let session = try await F.session(h, client: try await h.client(), user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            h.clock.advance(by: 301)
            #expect(try await introspect(h, issued.accessToken.value) == .inactive)
        }
    }

    @Test("a revoked access token is inactive", arguments: TestBackend.available)
    func revoked(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let session = try await F.session(h, client: try await h.client(), user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            try await h.storage.transaction { try await $0.accessTokens.revoke(id: issued.accessTokenID, at: h.clock.now()) }
            #expect(try await introspect(h, issued.accessToken.value) == .inactive)
        }
    }

    @Test("a token of a finished session is inactive", arguments: TestBackend.available)
    func finishedSession(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let session = try await F.session(h, client: try await h.client(), user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            try await h.storage.transaction { try await $0.oauthSessions.finish(id: session.id, at: h.clock.now()) }
            #expect(try await introspect(h, issued.accessToken.value) == .inactive)
        }
    }

    @Test("a locked user's token is inactive", arguments: TestBackend.available)
    func lockedUser(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let session = try await F.session(h, client: try await h.client(), user: try await h.user("alice"))
            let issued = try await F.tokens(h, for: session)
            try await h.accounts.setLocked(username: "alice", true)
            #expect(try await introspect(h, issued.accessToken.value) == .inactive)
        }
    }

    @Test("a deactivated user's token is inactive", arguments: TestBackend.available)
    func deactivatedUser(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let alice = try await h.user()
            let session = try await F.session(h, client: try await h.client(), user: alice)
            let issued = try await F.tokens(h, for: session)
            try await h.storage.transaction { try await $0.users.setDeactivated(id: alice.id, at: h.clock.now()) }
            #expect(try await introspect(h, issued.accessToken.value) == .inactive)
        }
    }

    @Test("the shared secret itself presented as the token is inactive", arguments: TestBackend.available)
    func sharedSecretAsToken(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let answer = try await introspect(h, F.homeserverSecret)
            #expect(answer == .inactive)
        }
    }

    @Test("an OAuth refresh token is active with token_type refresh_token and no expiry", arguments: TestBackend.available)
    func refreshToken(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let session = try await F.session(h, client: try await h.client(), user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            let answer = try await introspect(h, issued.refreshToken!.value)
            #expect(answer.active)
            #expect(answer.tokenType == "refresh_token")
            #expect(answer.username == "alice")
            #expect(answer.exp == nil)
            #expect(answer.expiresIn == nil)
        }
    }

    @Test("a compat access token has full API access on its device", arguments: TestBackend.available)
    func compatAccessToken(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let tokens = try await compatTokens(h, user: try await h.user())
            let answer = try await introspect(h, tokens.access)
            #expect(answer.active)
            #expect(answer.deviceID == "COMPAT")
            #expect(answer.username == "alice")
            // Whole seconds left, rounded down so a cache never outlives the token.
            #expect((299...300).contains(answer.expiresIn ?? 0))
            let scope = try #require(answer.scope.flatMap { Scope(parsing: $0) })
            #expect(scope.contains(MatrixScope.api) && scope.contains("urn:matrix:client:device:COMPAT"))
            #expect(!scope.contains(MatrixScope.synapseAdmin))
        }
    }

    @Test("a compat session marked Synapse admin carries the admin scope", arguments: TestBackend.available)
    func compatAdmin(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let tokens = try await compatTokens(h, user: try await h.user(admin: true), admin: true)
            let scope = try #require(try await introspect(h, tokens.access).scope.flatMap { Scope(parsing: $0) })
            #expect(scope.contains(MatrixScope.synapseAdmin))
        }
    }

    @Test("a compat refresh token is active with token_type refresh_token", arguments: TestBackend.available)
    func compatRefreshToken(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let tokens = try await compatTokens(h, user: try await h.user())
            let answer = try await introspect(h, tokens.refresh)
            #expect(answer.active)
            #expect(answer.tokenType == "refresh_token")
            #expect(answer.deviceID == "COMPAT")
        }
    }

    @Test("a personal token acts as its actor user with its session's scope", arguments: TestBackend.available)
    func personalToken(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let token = try await personalToken(h, user: try await h.user(), scope: [MatrixScope.api, "urn:matrix:client:device:BOT"])
            let answer = try await introspect(h, token)
            #expect(answer.active)
            #expect(answer.username == "alice")
            #expect(answer.deviceID == "BOT")
            #expect(answer.expiresIn == nil)
        }
    }

    @Test("a client-credentials token is active with no user", arguments: TestBackend.available)
    func clientCredentialsToken(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let client = try await h.client(authMethod: .clientSecretBasic, secret: F.secret, grantTypes: [.clientCredentials])
            let session = try await F.session(h, client: client, user: nil, scope: ["urn:mas:graphql:*"])
            let answer = try await introspect(h, try await F.tokens(h, for: session, refresh: false).accessToken.value)
            #expect(answer.active)
            #expect(answer.username == nil)
            #expect(answer.sub == nil)
            #expect(answer.clientID == client.id.description)
        }
    }

    @Test("a confidential client may introspect", arguments: TestBackend.available)
    func confidentialClient(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let client = try await h.client(authMethod: .clientSecretBasic, secret: F.secret)
            let session = try await F.session(h, client: client, user: try await h.user())
            let issued = try await F.tokens(h, for: session)
            let answer = try await IntrospectionEndpoint(services: h.services)
                .handle(form: FormParameters(["token": issued.accessToken.value]), credentials: F.secretCredentials(client), bearer: nil).get()
            #expect(answer.active)
        }
    }

    @Test("a public client may not introspect: invalid_client", arguments: TestBackend.available)
    func publicClient(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let client = try await h.client()
            let result = await IntrospectionEndpoint(services: h.services)
                .handle(form: FormParameters(["token": OpaqueToken.generate(.accessToken).value]), credentials: F.publicCredentials(client), bearer: nil)
            #expect(F.failure(of: result)?.code == .invalidClient)
        }
    }

    @Test("a wrong bearer secret is invalid_client", arguments: TestBackend.available)
    func wrongSecret(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let result = await IntrospectionEndpoint(services: h.services)
                .handle(form: FormParameters(["token": OpaqueToken.generate(.accessToken).value]), credentials: nil, bearer: "not-the-secret")
            #expect(F.failure(of: result)?.code == .invalidClient)
        }
    }

    @Test("a caller with no credentials at all is invalid_client", arguments: TestBackend.available)
    func noCredentials(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let result = await IntrospectionEndpoint(services: h.services)
                .handle(form: FormParameters(["token": OpaqueToken.generate(.accessToken).value]), credentials: nil, bearer: nil)
            #expect(F.failure(of: result)?.code == .invalidClient)
        }
    }

    @Test("without a configured shared secret, no bearer is accepted", arguments: TestBackend.available)
    func noSharedSecretConfigured(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let result = await IntrospectionEndpoint(services: h.services)
                .handle(form: FormParameters(["token": OpaqueToken.generate(.accessToken).value]), credentials: nil, bearer: "")
            #expect(F.failure(of: result)?.code == .invalidClient)
        }
    }

    @Test("a missing token parameter is invalid_request", arguments: TestBackend.available)
    func missingToken(backend: TestBackend) async throws {
        try await withHomeserver(backend) { h in
            let result = await IntrospectionEndpoint(services: h.services).handle(form: FormParameters([:]), credentials: nil, bearer: F.homeserverSecret)
            #expect(F.failure(of: result)?.code == .invalidRequest)
        }
    }
}
