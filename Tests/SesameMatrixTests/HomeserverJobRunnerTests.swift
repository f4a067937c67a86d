import Foundation
import SesameAccounts
import SesameCrypto
import SesameMatrix
import SesameModel
import SesameStorage
import Testing

/// A world of storage, accounts, a fake homeserver, and a worker running homeserver jobs.
struct MatrixWorld: Sendable {
    let storage: any Storage
    let clock: ManualWallClock
    let homeserver: InMemoryHomeserver
    let accounts: AccountService
    let worker: JobWorker

    static func with<T: Sendable>(maxBackoff: TimeInterval = 300, _ body: (MatrixWorld) async throws -> T) async throws -> T {
        try await MatrixTestStorage.with { storage in
            let clock = ManualWallClock(step: 0.001)
            let homeserver = InMemoryHomeserver(serverName: "example.com")
            let accounts = AccountService(storage: storage, hasher: try PasswordHasher(schemes: [1: .bcrypt(cost: 4)], currentVersion: 1), clock: clock)
            let worker = JobWorker(
                storage: storage, clock: clock, handlers: HomeserverJobRunner(storage: storage, homeserver: homeserver).handlers,
                logger: .init(label: "test"), maximumBackoff: maxBackoff
            )
            return try await body(MatrixWorld(storage: storage, clock: clock, homeserver: homeserver, accounts: accounts, worker: worker))
        }
    }

    /// Stores an OAuth session for `user` holding `scope`.
    func oauthSession(for user: User, scope: Scope) async throws -> OAuthSession {
        let now = clock.now()
        let client = OAuthClient(id: ClientID(date: now), redirectURIs: ["https://app.example.com/cb"], grantTypes: [.authorizationCode], tokenEndpointAuthMethod: .none, createdAt: now)
        let session = OAuthSession(id: OAuthSessionID(date: now), clientID: client.id, userID: user.id, scope: scope, createdAt: now)
        try await storage.transaction { repositories in
            try await repositories.oauthClients.add(client)
            try await repositories.oauthSessions.add(session)
        }
        return session
    }

    /// Stores a compatibility session for `user` on `device`.
    func compatSession(for user: User, device: String) async throws -> CompatSession {
        let now = clock.now()
        let session = CompatSession(id: CompatSessionID(date: now), userID: user.id, deviceID: DeviceID(device)!, createdAt: now)
        try await storage.transaction { try await $0.compatSessions.add(session) }
        return session
    }
}

@Suite struct HomeserverJobRunnerTests {
    @Test func aRegisteredUserIsProvisionedWithTheirConfirmedEmail() async throws {
        try await MatrixWorld.with { world in
            let user = try await world.accounts.register(username: "alice", password: nil, email: "alice@example.com", canRequestAdmin: false)
            #expect(await world.worker.drain() == 1)
            let stored = try #require(await world.homeserver.user("alice"))
            #expect(stored.subject == user.id.description)
            #expect(stored.emails == ["alice@example.com"])
            #expect(stored.locked == false)
        }
    }

    @Test func lockingIsPushedToTheHomeserver() async throws {
        try await MatrixWorld.with { world in
            _ = try await world.accounts.register(username: "alice", password: nil, email: nil, canRequestAdmin: false)
            try await world.accounts.setLocked(username: "alice", true)
            #expect(await world.worker.drain() == 2)
            #expect(await world.homeserver.user("alice")?.locked == true)
        }
    }

    @Test func syncKeepsOnlyTheDevicesOfActiveSessions() async throws {
        try await MatrixWorld.with { world in
            let user = try await world.accounts.register(username: "alice", password: nil, email: nil, canRequestAdmin: false)
            await world.worker.drain()
            let kept = try await world.oauthSession(for: user, scope: Scope(parsing: "openid urn:matrix:client:api:* urn:matrix:client:device:KEPT")!)
            let revoked = try await world.oauthSession(for: user, scope: Scope(parsing: "urn:matrix:org.matrix.msc2967.client:api:* urn:matrix:org.matrix.msc2967.client:device:GONE")!)
            _ = try await world.compatSession(for: user, device: "COMPAT")
            for device in ["KEPT", "GONE", "COMPAT"] {
                try await world.homeserver.upsertDevice(localpart: "alice", deviceID: DeviceID(device)!, displayName: nil)
            }
            _ = kept

            // What revocation does: end the session and queue a device sync in one transaction.
            let now = world.clock.now()
            try await world.storage.transaction { repositories in
                try await repositories.oauthSessions.finish(id: revoked.id, at: now)
                try await repositories.jobs.enqueue(try HomeserverJob.syncDevices(userID: user.id).job(at: now))
            }
            #expect(await world.worker.drain() == 1)
            #expect(await world.homeserver.devices(of: "alice") == [DeviceID("KEPT")!, DeviceID("COMPAT")!])
        }
    }

    @Test func deactivationEndsSessionsAndDeletesTheUserOnTheHomeserver() async throws {
        try await MatrixWorld.with { world in
            let user = try await world.accounts.register(username: "alice", password: nil, email: nil, canRequestAdmin: false)
            let session = try await world.oauthSession(for: user, scope: Scope(parsing: "urn:matrix:client:api:* urn:matrix:client:device:PHONE")!)
            await world.worker.drain()
            try await world.homeserver.upsertDevice(localpart: "alice", deviceID: DeviceID("PHONE")!, displayName: nil)

            try await world.accounts.deactivate(username: "alice", erase: true)
            #expect(await world.worker.drain() == 1)
            #expect(await world.homeserver.user("alice")?.isDeactivated == true)
            #expect(await world.homeserver.calls.last == .deleteUser(localpart: "alice", erase: true))
            #expect(try await world.storage.read { try await $0.oauthSessions.find(id: session.id) }?.isActive == false)

            try await world.accounts.reactivate(username: "alice")
            #expect(await world.worker.drain() == 2)
            #expect(await world.homeserver.user("alice")?.isDeactivated == false)
        }
    }

    @Test func aJobForAUserThatNoLongerExistsFailsAtOnce() async throws {
        try await MatrixWorld.with { world in
            let now = world.clock.now()
            let job = try HomeserverJob.provisionUser(userID: UserID(date: now)).job(at: now)
            try await world.storage.transaction { try await $0.jobs.enqueue(job) }
            #expect(await world.worker.drain() == 1)
            let stored = try await world.storage.read { try await $0.jobs.find(id: job.id) }
            #expect(stored?.state == .failed)
            #expect(stored?.attempts == 1)
        }
    }
}
