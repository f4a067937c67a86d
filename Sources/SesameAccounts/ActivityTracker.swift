import Foundation
import SesameModel
import SesameStorage
import Synchronization

/// Remembers when each session was last used (and from where) in memory, and writes the batch to
/// storage in one transaction every minute or so and at shutdown, like MAS's activity tracker. A
/// token use or a page visit costs one lock and one dictionary write, never a database write.
public final class ActivityTracker: Sendable {
    /// The newest use seen of one session since the last flush.
    struct Sighting: Equatable, Sendable {
        var at: Date
        var ip: String?
    }

    /// How often the server flushes; uses between flushes are folded into one write per session.
    public static let defaultFlushInterval: Duration = .seconds(60)

    private let storage: any Storage
    private let pending = Mutex<[ActivitySubject: Sighting]>([:])

    /// Creates a tracker writing to `storage`.
    public init(storage: any Storage) {
        self.storage = storage
    }

    /// Notes that `subject` was used at `date` from `ip` (nil when unknown: the last known address
    /// is kept). Only sessions a valid token or cookie named get here, so the buffer holds at most
    /// one entry per live session.
    public func record(_ subject: ActivitySubject, at date: Date, ip: String?) {
        pending.withLock { pending in
            var sighting = pending[subject] ?? Sighting(at: date, ip: ip)
            // Out-of-order calls from concurrent requests must not move the time backwards.
            if date >= sighting.at { sighting.at = date }
            if let ip { sighting.ip = ip }
            pending[subject] = sighting
        }
    }

    /// How many sessions have uses waiting to be written.
    public var pendingCount: Int { pending.withLock { $0.count } }

    /// Writes every pending use in one transaction. On failure the uses are put back (newer ones
    /// recorded meanwhile win), so the next flush tries again.
    public func flush() async throws {
        let batch = pending.withLock { pending in
            let taken = pending
            pending.removeAll(keepingCapacity: true)
            return taken
        }
        guard !batch.isEmpty else { return }
        do {
            try await storage.transaction { repositories in
                // A stable order keeps concurrent flushes (several servers) from deadlocking each other.
                for (subject, sighting) in batch.sorted(by: { "\($0.key)" < "\($1.key)" }) {
                    try await Self.write(subject, sighting, in: repositories)
                }
            }
        } catch {
            pending.withLock { pending in
                for (subject, sighting) in batch {
                    guard let newer = pending[subject] else { pending[subject] = sighting; continue }
                    pending[subject] = Sighting(at: max(newer.at, sighting.at), ip: newer.ip ?? sighting.ip)
                }
            }
            throw error
        }
    }

    private static func write(_ subject: ActivitySubject, _ sighting: Sighting, in repositories: any Repositories) async throws {
        switch subject {
        case .browser(let id): try await repositories.browserSessions.recordActivity(id: id, at: sighting.at, ip: sighting.ip)
        case .oauth(let id): try await repositories.oauthSessions.recordActivity(id: id, at: sighting.at, ip: sighting.ip)
        case .compat(let id): try await repositories.compatSessions.recordActivity(id: id, at: sighting.at, ip: sighting.ip)
        case .personal(let id): try await repositories.personalSessions.recordActivity(id: id, at: sighting.at, ip: sighting.ip)
        }
    }
}
