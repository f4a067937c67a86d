import Foundation
import SesameModel
import SesameStorage

/// Runs one queued `HomeserverJob`: reads the user's current state from storage (outside any
/// transaction) and makes the homeserver match it. Running a job twice is harmless, because every
/// call pushes state rather than a change.
public struct HomeserverJobRunner: Sendable {
    let storage: any Storage
    let homeserver: any HomeserverConnection

    /// Creates the runner.
    public init(storage: any Storage, homeserver: any HomeserverConnection) {
        self.storage = storage
        self.homeserver = homeserver
    }

    /// The handler for the worker, keyed by the queue these jobs run on.
    public var handlers: [String: JobWorker.Handler] {
        [HomeserverJob.queue: { job in try await run(payload: job.payload) }]
    }

    /// Decodes a queued payload and runs it.
    public func run(payload: String) async throws {
        let job: HomeserverJob
        do {
            job = try HomeserverJob(payload: payload)
        } catch {
            throw HomeserverJobError.unreadablePayload("\(error)")
        }
        try await run(job)
    }

    /// Runs one job against the homeserver.
    public func run(_ job: HomeserverJob) async throws {
        switch job {
        case .provisionUser(let userID):
            try await homeserver.provisionUser(try await provisionRequest(for: userID))
        case .syncDevices(let userID):
            let user = try await requireUser(userID)
            try await homeserver.syncDevices(localpart: user.username.rawValue, devices: try await activeDevices(of: userID))
        case .deleteDevice(let userID, let deviceText):
            let user = try await requireUser(userID)
            guard let deviceID = DeviceID(deviceText) else { throw HomeserverJobError.invalidDeviceID(deviceText) }
            try await homeserver.deleteDevice(localpart: user.username.rawValue, deviceID: deviceID)
        case .deactivateUser(let userID, let erase):
            let user = try await requireUser(userID)
            try await homeserver.deleteUser(localpart: user.username.rawValue, erase: erase)
        case .reactivateUser(let userID):
            let user = try await requireUser(userID)
            try await homeserver.reactivateUser(localpart: user.username.rawValue)
        case .syncDisplayName(let userID):
            // The stored name, not the one at queue time: a later change wins even if jobs run late.
            let user = try await requireUser(userID)
            if let name = try await storage.read({ try await $0.users.displayName(id: userID) }) {
                try await homeserver.setDisplayName(localpart: user.username.rawValue, displayName: name)
            } else {
                try await homeserver.unsetDisplayName(localpart: user.username.rawValue)
            }
        }
    }

    /// What the homeserver should know about the user now: confirmed emails and lock state.
    func provisionRequest(for userID: UserID) async throws -> ProvisionUserRequest {
        let (user, emails) = try await storage.read { repositories in
            (try await repositories.users.find(id: userID), try await repositories.emails.list(for: userID))
        }
        guard let user else { throw HomeserverJobError.userNotFound(userID.description) }
        let confirmed = emails.filter { $0.confirmedAt != nil }.map(\.email)
        return ProvisionUserRequest(
            localpart: user.username.rawValue, subject: user.id.description, emails: confirmed, locked: user.lockedAt != nil
        )
    }

    /// The devices the user's unfinished sessions hold: OAuth sessions with a device scope and
    /// compatibility sessions.
    func activeDevices(of userID: UserID) async throws -> Set<DeviceID> {
        let (oauth, compat) = try await storage.read { repositories in
            (try await repositories.oauthSessions.list(for: userID, activeOnly: true),
             try await repositories.compatSessions.list(for: userID, activeOnly: true))
        }
        var devices = Set(compat.map(\.deviceID))
        for session in oauth {
            // A scope that does not summarise was refused when the session was created; it names no device.
            if let device = (try? MatrixScope.summarize(session.scope))?.deviceID { devices.insert(device) }
        }
        return devices
    }

    private func requireUser(_ userID: UserID) async throws -> User {
        guard let user = try await storage.read({ try await $0.users.find(id: userID) }) else {
            throw HomeserverJobError.userNotFound(userID.description)
        }
        return user
    }
}
