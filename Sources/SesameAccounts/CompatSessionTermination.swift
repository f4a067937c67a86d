import Foundation
import SesameModel
import SesameStorage

/// Ending compatibility (legacy Matrix login) sessions: shared by `/logout`, the admin API, GraphQL,
/// the account page and deactivation, so every path revokes the same tokens and keeps the
/// homeserver's device list in step.
public enum CompatSessionTermination {
    /// What the homeserver must be told about the ended sessions' devices.
    public enum DeviceFollowUp: Sendable {
        /// Queue a device sync for the user. A sync (not a delete) is queued, so a delayed job
        /// cannot remove a device that logged in again since.
        case syncDevices
        /// Nothing: the caller removes the devices another way (deactivation deletes them all).
        case none
    }

    /// Finishes the sessions and revokes their access and refresh tokens inside the caller's
    /// transaction; with `.syncDevices`, queues one device sync for `userID`.
    public static func end(
        _ sessionIDs: [CompatSessionID], of userID: UserID, at now: Date, in repositories: any Repositories,
        devices: DeviceFollowUp = .syncDevices
    ) async throws {
        guard !sessionIDs.isEmpty else { return }
        for id in sessionIDs {
            try await repositories.compatSessions.finish(id: id, at: now)
            try await repositories.compatAccessTokens.revokeAll(in: id, at: now)
            try await repositories.compatRefreshTokens.revokeAll(in: id, at: now)
        }
        if case .syncDevices = devices {
            try await repositories.jobs.enqueue(try HomeserverJob.syncDevices(userID: userID).job(at: now))
        }
    }
}
