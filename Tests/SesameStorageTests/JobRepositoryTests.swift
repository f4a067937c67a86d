import Foundation
import SesameModel
import SesameStorage
import Testing

@Suite("Jobs")
struct JobRepositoryTests {
    let fixtures = Fixtures()

    @Test("an enqueued job reads back with every field", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        let now = fixtures.clock.now()
        let job = Job(
            id: JobID(date: now), queue: "provision-user", payload: #"{"user_id":"01J0000000000000000000000"}"#, state: .running,
            attempts: 2, maxAttempts: 5, runAt: now.addingTimeInterval(30), lockedUntil: now.addingTimeInterval(90),
            lastError: "homeserver answered 502", createdAt: now, finishedAt: now.addingTimeInterval(120)
        )
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.jobs.enqueue(job) }
            let found = try await storage.read { try await $0.jobs.find(id: job.id) }
            #expect(found == job)
        }
    }

    @Test("due jobs are claimed oldest run time first and marked running", arguments: TestBackend.available)
    func claimOldestFirst(backend: TestBackend) async throws {
        let now = fixtures.clock.now()
        // Enqueued first but due later, so ordering is by run time, not by ID.
        let later = job(runAt: now.addingTimeInterval(20))
        fixtures.clock.advance(by: 1)
        let sooner = job(runAt: now.addingTimeInterval(10))
        let claimAt = now.addingTimeInterval(30)
        let lockedUntil = claimAt.addingTimeInterval(60)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.jobs.enqueue(later)
                try await repositories.jobs.enqueue(sooner)
            }
            let first = try await storage.transaction { try await $0.jobs.claimNext(queues: ["sync"], at: claimAt, lockedUntil: lockedUntil) }
            let second = try await storage.transaction { try await $0.jobs.claimNext(queues: ["sync"], at: claimAt, lockedUntil: lockedUntil) }
            var expected = sooner
            expected.state = .running
            expected.attempts = 1
            expected.lockedUntil = lockedUntil
            #expect(first == expected)
            #expect(second?.id == later.id)
        }
    }

    @Test("jobs not yet due and jobs of other queues are not claimed", arguments: TestBackend.available)
    func skipsFutureAndOtherQueues(backend: TestBackend) async throws {
        let now = fixtures.clock.now()
        let future = job(runAt: now.addingTimeInterval(60))
        let otherQueue = job(queue: "email", runAt: now)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.jobs.enqueue(future)
                try await repositories.jobs.enqueue(otherQueue)
            }
            let claimed = try await storage.transaction { try await $0.jobs.claimNext(queues: ["sync"], at: now, lockedUntil: now.addingTimeInterval(60)) }
            let untouched = try await storage.read { try await $0.jobs.find(id: future.id) }
            #expect(claimed == nil)
            #expect(untouched == future)
        }
    }

    @Test("a claimed job is not claimed again while its lock holds", arguments: TestBackend.available)
    func lockHolds(backend: TestBackend) async throws {
        let now = fixtures.clock.now()
        let pending = job(runAt: now)
        let lockedUntil = now.addingTimeInterval(60)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.jobs.enqueue(pending) }
            let first = try await storage.transaction { try await $0.jobs.claimNext(queues: ["sync"], at: now, lockedUntil: lockedUntil) }
            let whileLocked = try await storage.transaction {
                try await $0.jobs.claimNext(queues: ["sync"], at: lockedUntil.addingTimeInterval(-1), lockedUntil: lockedUntil.addingTimeInterval(59))
            }
            #expect(first?.id == pending.id)
            #expect(whileLocked == nil)
        }
    }

    @Test("a running job whose lock expired is claimed again, counting another attempt", arguments: TestBackend.available)
    func expiredLock(backend: TestBackend) async throws {
        let now = fixtures.clock.now()
        let pending = job(runAt: now)
        let lockedUntil = now.addingTimeInterval(60)
        let relockedUntil = lockedUntil.addingTimeInterval(60)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.jobs.enqueue(pending) }
            _ = try await storage.transaction { try await $0.jobs.claimNext(queues: ["sync"], at: now, lockedUntil: lockedUntil) }
            let reclaimed = try await storage.transaction { try await $0.jobs.claimNext(queues: ["sync"], at: lockedUntil, lockedUntil: relockedUntil) }
            #expect(reclaimed?.id == pending.id)
            #expect(reclaimed?.attempts == 2)
            #expect(reclaimed?.lockedUntil == relockedUntil)
        }
    }

    @Test("a failed attempt with a retry time is rescheduled for then", arguments: TestBackend.available)
    func failWithRetry(backend: TestBackend) async throws {
        let now = fixtures.clock.now()
        let pending = job(runAt: now)
        let retryAt = now.addingTimeInterval(120)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.jobs.enqueue(pending) }
            _ = try await storage.transaction { try await $0.jobs.claimNext(queues: ["sync"], at: now, lockedUntil: now.addingTimeInterval(60)) }
            try await storage.transaction { try await $0.jobs.fail(id: pending.id, error: "connection refused", retryAt: retryAt, at: now) }
            let found = try await storage.read { try await $0.jobs.find(id: pending.id) }
            let beforeRetry = try await storage.transaction {
                try await $0.jobs.claimNext(queues: ["sync"], at: retryAt.addingTimeInterval(-1), lockedUntil: retryAt.addingTimeInterval(60))
            }
            let atRetry = try await storage.transaction { try await $0.jobs.claimNext(queues: ["sync"], at: retryAt, lockedUntil: retryAt.addingTimeInterval(60)) }
            var expected = pending
            expected.attempts = 1
            expected.runAt = retryAt
            expected.lastError = "connection refused"
            #expect(found == expected)
            #expect(beforeRetry == nil)
            #expect(atRetry?.id == pending.id)
        }
    }

    @Test("a failed attempt without a retry time fails the job for good", arguments: TestBackend.available)
    func failForGood(backend: TestBackend) async throws {
        let now = fixtures.clock.now()
        let pending = job(runAt: now)
        let failedAt = now.addingTimeInterval(5)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.jobs.enqueue(pending) }
            _ = try await storage.transaction { try await $0.jobs.claimNext(queues: ["sync"], at: now, lockedUntil: now.addingTimeInterval(60)) }
            try await storage.transaction { try await $0.jobs.fail(id: pending.id, error: "user does not exist", retryAt: nil, at: failedAt) }
            let found = try await storage.read { try await $0.jobs.find(id: pending.id) }
            let failed = try await storage.read { try await $0.jobs.list(state: .failed, page: PageRequest()) }
            let claimedLater = try await storage.transaction {
                try await $0.jobs.claimNext(queues: ["sync"], at: now.addingTimeInterval(3_600), lockedUntil: now.addingTimeInterval(3_660))
            }
            #expect(found?.state == .failed)
            #expect(found?.finishedAt == failedAt)
            #expect(found?.lockedUntil == nil)
            #expect(found?.lastError == "user does not exist")
            #expect(failed.map(\.id) == [pending.id])
            #expect(claimedLater == nil)
        }
    }

    @Test("a completed job is finished and never claimed again", arguments: TestBackend.available)
    func complete(backend: TestBackend) async throws {
        let now = fixtures.clock.now()
        let pending = job(runAt: now)
        let completedAt = now.addingTimeInterval(5)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.jobs.enqueue(pending) }
            _ = try await storage.transaction { try await $0.jobs.claimNext(queues: ["sync"], at: now, lockedUntil: now.addingTimeInterval(60)) }
            try await storage.transaction { try await $0.jobs.complete(id: pending.id, at: completedAt) }
            let found = try await storage.read { try await $0.jobs.find(id: pending.id) }
            let completed = try await storage.read { try await $0.jobs.list(state: .completed, page: PageRequest()) }
            let claimedLater = try await storage.transaction {
                try await $0.jobs.claimNext(queues: ["sync"], at: now.addingTimeInterval(3_600), lockedUntil: now.addingTimeInterval(3_660))
            }
            #expect(found?.state == .completed)
            #expect(found?.finishedAt == completedAt)
            #expect(found?.lockedUntil == nil)
            #expect(completed.map(\.id) == [pending.id])
            #expect(claimedLater == nil)
        }
    }

    @Test("four workers claiming at once claim every job exactly once", arguments: TestBackend.available)
    func concurrentClaims(backend: TestBackend) async throws {
        let now = fixtures.clock.now()
        var jobs: [Job] = []
        for _ in 0..<20 {
            jobs.append(job(runAt: now))
            fixtures.clock.advance(by: 0.5)
        }
        let all = jobs
        let claimAt = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                for job in all { try await repositories.jobs.enqueue(job) }
            }
            let claimed = try await withThrowingTaskGroup(of: [JobID].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var mine: [JobID] = []
                        while let job = try await storage.transaction({
                            try await $0.jobs.claimNext(queues: ["sync"], at: claimAt, lockedUntil: claimAt.addingTimeInterval(300))
                        }) {
                            mine.append(job.id)
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let running = try await storage.read { try await $0.jobs.list(state: .running, page: PageRequest()) }
            #expect(claimed.count == all.count)
            #expect(Set(claimed) == Set(all.map(\.id)))
            // A job claimed twice would have counted two attempts.
            #expect(running.count == all.count)
            #expect(running.allSatisfy { $0.attempts == 1 })
        }
    }

    private func job(queue: String = "sync", runAt: Date) -> Job {
        Job(id: JobID(date: fixtures.clock.now()), queue: queue, payload: "{}", runAt: runAt, createdAt: fixtures.clock.now())
    }
}

@Suite("Jobs whose worker died")
struct AbandonedJobTests {
    let fixtures = Fixtures()

    @Test("a job whose last attempt's lock expired is marked failed, not left running", arguments: TestBackend.available)
    func abandonedLastAttempt(backend: TestBackend) async throws {
        let now = fixtures.clock.now()
        let job = Job(id: JobID(date: now), queue: "q", payload: "{}", maxAttempts: 1, runAt: now, createdAt: now)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.jobs.enqueue(job) }
            let claimed = try await storage.transaction { try await $0.jobs.claimNext(queues: ["q"], at: now, lockedUntil: now.addingTimeInterval(60)) }
            #expect(claimed?.id == job.id)
            // The worker died; after the lock expires the next claim finds nothing to run…
            let later = now.addingTimeInterval(120)
            let again = try await storage.transaction { try await $0.jobs.claimNext(queues: ["q"], at: later, lockedUntil: later.addingTimeInterval(60)) }
            #expect(again == nil)
            // …and the job is recorded as failed.
            let stored = try await storage.read { try await $0.jobs.find(id: job.id) }
            #expect(stored?.state == .failed)
            #expect(stored?.lastError == "the worker stopped during the last attempt")
        }
    }
}
