import Foundation
import SesameModel
import SesameOAuth
import SesameStorage
import Synchronization
import Testing

/// Records device upserts; can be told to fail like a homeserver that is down.
private final class DeviceRecorder: HomeserverConnection {
    let serverName = "example.com"
    let upserts = Mutex<[String]>([])
    let down = Mutex(false)

    func upsertDevice(localpart: String, deviceID: DeviceID, displayName: String?) async throws {
        if down.withLock({ $0 }) { throw CancellationError() }
        upserts.withLock { $0.append("\(localpart)/\(deviceID)") }
    }

    func queryUser(localpart: String) async throws -> HomeserverUser? { nil }
    func isLocalpartAvailable(_ localpart: String) async throws -> Bool { true }
    func provisionUser(_ request: ProvisionUserRequest) async throws {}
    func updateDeviceDisplayName(localpart: String, deviceID: DeviceID, displayName: String) async throws {}
    func deleteDevice(localpart: String, deviceID: DeviceID) async throws {}
    func syncDevices(localpart: String, devices: Set<DeviceID>) async throws {}
    func deleteUser(localpart: String, erase: Bool) async throws {}
    func reactivateUser(localpart: String) async throws {}
    func setDisplayName(localpart: String, displayName: String) async throws {}
    func unsetDisplayName(localpart: String) async throws {}
    func allowCrossSigningReset(localpart: String) async throws {}
}

@Suite("Homeserver devices follow OAuth sessions")
struct HomeserverDeviceTests {
    private typealias F = TokenFixtures

    private func passwordForm(scope: String) -> FormParameters {
        FormParameters(["grant_type": "password", "username": "alice", "password": "correct horse battery", "scope": scope])
    }

    @Test("the device a token names exists on the homeserver before the token is returned", arguments: TestBackend.available)
    func upsertBeforeTokens(backend: TestBackend) async throws {
        let homeserver = DeviceRecorder()
        try await OAuthHarness.with(backend, homeserver: homeserver) { h in
            _ = try await h.user()
            let client = try await h.client(authMethod: .clientSecretBasic, secret: F.secret, grantTypes: [.password])
            let response = try await TokenEndpoint(services: h.services, accounts: h.accounts)
                .handle(form: passwordForm(scope: "urn:matrix:client:api:* urn:matrix:client:device:PHONE"), credentials: F.secretCredentials(client)).get()
            #expect(!response.accessToken.isEmpty)
            #expect(homeserver.upserts.withLock { $0 } == ["alice/PHONE"])
        }
    }

    @Test("a homeserver that cannot create the device means temporarily_unavailable and no session", arguments: TestBackend.available)
    func homeserverDown(backend: TestBackend) async throws {
        let homeserver = DeviceRecorder()
        homeserver.down.withLock { $0 = true }
        try await OAuthHarness.with(backend, homeserver: homeserver) { h in
            let alice = try await h.user()
            let client = try await h.client(authMethod: .clientSecretBasic, secret: F.secret, grantTypes: [.password])
            let result = await TokenEndpoint(services: h.services, accounts: h.accounts)
                .handle(form: passwordForm(scope: "urn:matrix:client:api:* urn:matrix:client:device:PHONE"), credentials: F.secretCredentials(client))
            #expect(F.failure(of: result)?.code == .temporarilyUnavailable)
            #expect(try await h.storage.read { try await $0.oauthSessions.list(for: alice.id, activeOnly: false) }.isEmpty)
        }
    }

    @Test("revoking a session that held a device queues a device sync for its user", arguments: TestBackend.available)
    func revocationQueuesSync(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let alice = try await h.user()
            let session = try await F.session(h, client: client, user: alice)
            let issued = try await F.tokens(h, for: session)
            _ = try await RevocationEndpoint(services: h.services)
                .handle(form: FormParameters(["token": issued.accessToken.value]), credentials: F.publicCredentials(client)).get()
            let jobs = try await h.storage.read { try await $0.jobs.list(state: .scheduled, page: .init()) }
            #expect(try jobs.map { try HomeserverJob(payload: $0.payload) }.contains(.syncDevices(userID: alice.id)))
        }
    }
}
