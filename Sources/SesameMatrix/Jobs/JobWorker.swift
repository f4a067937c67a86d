import Foundation
import Logging
import ServiceLifecycle
import SesameModel
import SesameStorage

/// Runs queued jobs: claims one due job at a time (each claim and each outcome in its own short
/// transaction, the work itself outside any), retries failures with exponential backoff, and
/// gives up after the job's `maxAttempts`. A claim is a lease: a worker that dies mid-job leaves
/// a lock that expires, and the next worker (or the next start) picks the job up again.
public struct JobWorker: Service {
    /// Runs one job; throwing schedules a retry (or fails the job at once for a `PermanentJobError`).
    public typealias Handler = @Sendable (Job) async throws -> Void

    let storage: any Storage
    let clock: any WallClock
    let handlers: [String: Handler]
    let logger: Logger
    let pollInterval: Duration
    let lockDuration: TimeInterval
    let maximumBackoff: TimeInterval

    /// Creates a worker for the queues named in `handlers`. `lockDuration` must outlast the
    /// slowest job (homeserver calls time out after 10 s).
    public init(
        storage: any Storage, clock: any WallClock, handlers: [String: Handler], logger: Logger,
        pollInterval: Duration = .seconds(1), lockDuration: TimeInterval = 60, maximumBackoff: TimeInterval = 300
    ) {
        self.storage = storage
        self.clock = clock
        self.handlers = handlers
        self.logger = logger
        self.pollInterval = pollInterval
        self.lockDuration = lockDuration
        self.maximumBackoff = maximumBackoff
    }

    /// Polls until a graceful shutdown (or cancellation); a job in progress is finished first.
    public func run() async throws {
        logger.info("job worker started", metadata: ["job.queues": "\(handlers.keys.sorted().joined(separator: ","))"])
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            if await runOnce() { continue }
            // Only the idle wait is cut short by shutdown, never a running job.
            try? await cancelWhenGracefulShutdown { [pollInterval] in try await Task.sleep(for: pollInterval) }
        }
        logger.info("job worker stopped")
    }

    /// Claims and runs at most one due job; true when there was one.
    @discardableResult
    public func runOnce() async -> Bool {
        let now = clock.now()
        let job: Job
        do {
            guard let claimed = try await storage.transaction({ [handlers, lockDuration] repositories in
                try await repositories.jobs.claimNext(queues: handlers.keys.sorted(), at: now, lockedUntil: now.addingTimeInterval(lockDuration))
            }) else { return false }
            job = claimed
        } catch {
            // Cancellation is how a test (or a forced stop) ends the worker; it is not a fault.
            if !Task.isCancelled { logger.error("job queue unreadable", metadata: ["error": "\(error)"]) }
            return false
        }
        guard let handler = handlers[job.queue] else { return true }
        do {
            try await handler(job)
        } catch {
            await recordFailure(of: job, error: error)
            return true
        }
        do {
            let finishedAt = clock.now()
            try await storage.transaction { try await $0.jobs.complete(id: job.id, at: finishedAt) }
        } catch {
            // The lock expires and the job runs again; handlers push state, so that is harmless.
            logger.error("job done but not recorded", metadata: ["job.id": "\(job.id)", "job.queue": "\(job.queue)", "error": "\(error)"])
        }
        return true
    }

    /// Runs due jobs until none is left (at the clock's current time); returns how many ran.
    @discardableResult
    public func drain(limit: Int = 1000) async -> Int {
        var count = 0
        while count < limit, await runOnce() { count += 1 }
        return count
    }

    /// The wait before the next attempt after `attempts` tries: 2, 4, 8 … seconds, at most `maximumBackoff`.
    public func backoff(afterAttempts attempts: Int) -> TimeInterval {
        min(pow(2, Double(min(max(attempts, 1), 30))), maximumBackoff)
    }

    private func recordFailure(of job: Job, error: any Error) async {
        let now = clock.now()
        let permanent = error is any PermanentJobError
        let retryAt = permanent || job.attempts >= job.maxAttempts ? nil : now.addingTimeInterval(backoff(afterAttempts: job.attempts))
        let message = String(describing: error)
        var metadata: Logger.Metadata = [
            "job.id": "\(job.id)", "job.queue": "\(job.queue)", "job.attempt": "\(job.attempts)",
            "job.max_attempts": "\(job.maxAttempts)", "error": "\(message)",
        ]
        if let retryAt {
            metadata["job.retry_in_s"] = "\(Int(retryAt.timeIntervalSince(now)))"
            logger.warning("job failed, will retry", metadata: metadata)
        } else {
            logger.error("job failed for good", metadata: metadata)
        }
        do {
            try await storage.transaction { try await $0.jobs.fail(id: job.id, error: message, retryAt: retryAt, at: now) }
        } catch {
            logger.error("job failure not recorded", metadata: ["job.id": "\(job.id)", "error": "\(error)"])
        }
    }
}
