import Foundation

/// Homeserver calls that can wait, queued in the database (queue `homeserver`) so a homeserver
/// that is down delays them instead of losing them. Written by whoever changes a user or a
/// session, inside the same transaction; run by the job worker.
public enum HomeserverJob: Codable, Sendable, Equatable {
    /// Push the user's current state (name, confirmed emails, lock) to the homeserver.
    case provisionUser(userID: UserID)
    /// Make the homeserver's device list match the user's active sessions.
    case syncDevices(userID: UserID)
    /// Delete one device (session ended).
    case deleteDevice(userID: UserID, deviceID: String)
    /// Deactivate the user on the homeserver.
    case deactivateUser(userID: UserID, erase: Bool)
    /// Reactivate the user on the homeserver.
    case reactivateUser(userID: UserID)
    /// Push the display name stored here (`set_displayname`, or `unset_displayname` when none).
    case syncDisplayName(userID: UserID)

    /// The queue these jobs run on.
    public static let queue = "homeserver"

    /// A queued job carrying this call, due now.
    public func job(at date: Date, maxAttempts: Int = 20) throws -> Job {
        let payload = String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
        return Job(id: JobID(date: date), queue: Self.queue, payload: payload, maxAttempts: maxAttempts, runAt: date, createdAt: date)
    }

    /// Reads a queued job's payload back.
    public init(payload: String) throws {
        self = try JSONDecoder().decode(HomeserverJob.self, from: Data(payload.utf8))
    }
}
