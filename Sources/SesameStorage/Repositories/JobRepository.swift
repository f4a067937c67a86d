import Foundation
import SesameModel

/// The database-backed job queue.
public protocol JobRepository: Sendable {
    func enqueue(_ job: Job) async throws
    func find(id: JobID) async throws -> Job?
    /// Atomically claims the oldest job due at `date` (scheduled, or running with an expired lock)
    /// in one of `queues`, marking it running until `lockedUntil` and counting the attempt.
    /// Two workers never claim the same job.
    func claimNext(queues: [String], at date: Date, lockedUntil: Date) async throws -> Job?
    func complete(id: JobID, at date: Date) async throws
    /// Records a failed attempt: rescheduled at `retryAt`, or failed for good when nil.
    func fail(id: JobID, error: String, retryAt: Date?, at date: Date) async throws
    func list(state: JobState, page: PageRequest) async throws -> [Job]
}
