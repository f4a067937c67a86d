import Foundation

/// The life of a queued job.
public enum JobState: String, Sendable, CaseIterable {
    /// Waiting for `runAt`.
    case scheduled
    /// Claimed by a worker until `lockedUntil`; a crashed worker's claim expires.
    case running
    case completed
    /// Gave up after `maxAttempts`.
    case failed
}

/// A unit of background work (mostly homeserver calls that can wait), stored so it survives restarts.
public struct Job: Hashable, Sendable {
    public var id: JobID
    /// Which handler runs it, e.g. `provision-user`.
    public var queue: String
    /// The handler's input as JSON text.
    public var payload: String
    public var state: JobState
    public var attempts: Int
    public var maxAttempts: Int
    /// Not before this time.
    public var runAt: Date
    public var lockedUntil: Date?
    public var lastError: String?
    public var createdAt: Date
    public var finishedAt: Date?

    /// Creates a job value.
    public init(
        id: JobID, queue: String, payload: String, state: JobState = .scheduled, attempts: Int = 0, maxAttempts: Int = 10,
        runAt: Date, lockedUntil: Date? = nil, lastError: String? = nil, createdAt: Date, finishedAt: Date? = nil
    ) {
        self.id = id
        self.queue = queue
        self.payload = payload
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.runAt = runAt
        self.lockedUntil = lockedUntil
        self.lastError = lastError
        self.createdAt = createdAt
        self.finishedAt = finishedAt
    }
}
