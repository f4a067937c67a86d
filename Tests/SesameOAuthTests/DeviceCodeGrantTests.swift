import Foundation
import SesameCrypto
import SesameModel
import SesameOAuth
import SesameStorage
import Testing

@Suite("Token endpoint: device code grant")
struct DeviceCodeGrantTests {
    private typealias F = TokenFixtures

    private func pollForm(_ deviceCode: String) -> FormParameters {
        FormParameters(["grant_type": GrantType.deviceCode.rawValue, "device_code": deviceCode])
    }

    /// Starts a device authorization as the device would.
    private func start(_ h: OAuthHarness, client: OAuthClient, scope: String = "openid urn:matrix:client:api:*") async throws -> DeviceAuthorizationResponse {
        try await DeviceAuthorizationEndpoint(services: h.services).handle(form: FormParameters(["scope": scope]), credentials: F.publicCredentials(client)).get()
    }

    /// The stored grant behind a device authorization.
    private func grant(_ h: OAuthHarness, _ response: DeviceAuthorizationResponse) async throws -> DeviceCodeGrant {
        try #require(try await h.storage.read { try await $0.deviceCodeGrants.find(deviceCodeHash: TokenHash(of: response.deviceCode).hex) })
    }

    /// The user approves on the link page (the web layer's job; done directly here).
    private func approve(_ h: OAuthHarness, _ response: DeviceAuthorizationResponse, as user: User) async throws -> BrowserSession {
        let browserSession = try await h.browserSession(for: user)
        let id = try await grant(h, response).id
        _ = try await h.storage.transaction { try await $0.deviceCodeGrants.fulfill(id: id, browserSessionID: browserSession.id, at: h.clock.now()) }
        return browserSession
    }

    private func deviceClient(_ h: OAuthHarness) async throws -> OAuthClient {
        try await h.client(grantTypes: [.deviceCode, .refreshToken])
    }

    @Test("a device polls: pending, then slow_down when too fast, then tokens once approved, then invalid_grant when reused", arguments: TestBackend.available)
    func fullFlow(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await deviceClient(h)
            let alice = try await h.user()
            let endpoint = TokenEndpoint(services: h.services)
            let device = try await start(h, client: client)

            let pending = await endpoint.handle(form: pollForm(device.deviceCode), credentials: F.publicCredentials(client))
            #expect(F.failure(of: pending)?.code == .authorizationPending)

            h.clock.advance(by: 1)
            let tooFast = await endpoint.handle(form: pollForm(device.deviceCode), credentials: F.publicCredentials(client))
            #expect(F.failure(of: tooFast)?.code == .slowDown)

            _ = try await approve(h, device, as: alice)
            h.clock.advance(by: 10)
            let tokens = try await endpoint.handle(form: pollForm(device.deviceCode), credentials: F.publicCredentials(client)).get()
            #expect(tokens.refreshToken != nil)
            #expect(tokens.scope == "openid urn:matrix:client:api:*")
            #expect(await AccessTokenValidator(services: h.services).validate(tokens.accessToken)?.user?.id == alice.id)

            h.clock.advance(by: 10)
            let reused = await endpoint.handle(form: pollForm(device.deviceCode), credentials: F.publicCredentials(client))
            #expect(F.failure(of: reused) == .invalidGrant("the device code was already used"))
        }
    }

    @Test("each poll is recorded on the grant", arguments: TestBackend.available)
    func pollRecorded(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await deviceClient(h)
            let device = try await start(h, client: client)
            _ = await TokenEndpoint(services: h.services).handle(form: pollForm(device.deviceCode), credentials: F.publicCredentials(client))
            #expect(try await grant(h, device).lastPolledAt != nil)
        }
    }

    @Test("an approved device with openid gets an ID token whose auth_time is the approving browser's sign-in", arguments: TestBackend.available)
    func idToken(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await deviceClient(h)
            let alice = try await h.user()
            let device = try await start(h, client: client)
            let browserSession = try await approve(h, device, as: alice)
            let signedInAt = try #require(try await h.storage.read { try await $0.browserSessions.lastAuthentication(in: browserSession.id) }).createdAt
            let tokens = try await TokenEndpoint(services: h.services).handle(form: pollForm(device.deviceCode), credentials: F.publicCredentials(client)).get()
            let claims = try await F.idTokenClaims(h, try #require(tokens.idToken))
            #expect(claims.sub.value == alice.id.description)
            #expect(claims.aud.value == [client.id.description])
            #expect(claims.authTime == Int(signedInAt.timeIntervalSince1970.rounded(.down)))
            #expect(claims.nonce == nil)
        }
    }

    @Test("a request the user denied is access_denied", arguments: TestBackend.available)
    func denied(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await deviceClient(h)
            let device = try await start(h, client: client)
            let browserSession = try await h.browserSession(for: try await h.user())
            let id = try await grant(h, device).id
            _ = try await h.storage.transaction { try await $0.deviceCodeGrants.reject(id: id, browserSessionID: browserSession.id, at: h.clock.now()) }
            let result = await TokenEndpoint(services: h.services).handle(form: pollForm(device.deviceCode), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .accessDenied)
        }
    }

    @Test("a device code past its lifetime is expired_token", arguments: TestBackend.available)
    func expired(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await deviceClient(h)
            let device = try await start(h, client: client)
            h.clock.advance(by: h.settings.deviceCodeLifetime + 1)
            let result = await TokenEndpoint(services: h.services).handle(form: pollForm(device.deviceCode), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .expiredToken)
        }
    }

    @Test("an unknown device code is invalid_grant", arguments: TestBackend.available)
    func unknown(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await deviceClient(h)
            let result = await TokenEndpoint(services: h.services).handle(form: pollForm("not-a-device-code"), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidGrant)
        }
    }

    @Test("a device code polled by another client is invalid_grant", arguments: TestBackend.available)
    func otherClient(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await deviceClient(h)
            let intruder = try await deviceClient(h)
            let device = try await start(h, client: client)
            let result = await TokenEndpoint(services: h.services).handle(form: pollForm(device.deviceCode), credentials: F.publicCredentials(intruder))
            #expect(F.failure(of: result) == .invalidGrant("the device code was issued to another client"))
        }
    }

    @Test("an admin scope approved by a user who may not have it is invalid_scope", arguments: TestBackend.available)
    func adminScopeForOrdinaryUser(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await deviceClient(h)
            let device = try await start(h, client: client, scope: "urn:matrix:client:api:* urn:synapse:admin:*")
            _ = try await approve(h, device, as: try await h.user())
            let result = await TokenEndpoint(services: h.services).handle(form: pollForm(device.deviceCode), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidScope)
        }
    }
}
