import Foundation
import SesameMatrix
import SesameModel
import SesameStorage
import Synchronization
import Testing

@Suite struct JobWorkerTests {
    @Test func aJobSurvivesADownHomeserverAndSucceedsOnceItIsBack() async throws {
        try await MatrixWorld.with { world in
            await world.homeserver.setDown(true)
            _ = try await world.accounts.register(username: "alice", password: nil, email: nil, canRequestAdmin: false)

            #expect(await world.worker.drain() == 1)
            let job = try #require(try await world.storage.read { try await $0.jobs.list(state: .scheduled, page: .init()) }.first)
            #expect(job.attempts == 1)
            #expect(job.lastError?.contains("unreachable") == true)
            // Backoff: not due again until 2 s later.
            #expect(await world.worker.drain() == 0)
            world.clock.advance(by: 2)
            #expect(await world.worker.drain() == 1)
            world.clock.advance(by: 3)
            #expect(await world.worker.drain() == 0)
            world.clock.advance(by: 1)

            await world.homeserver.setDown(false)
            #expect(await world.worker.drain() == 1)
            #expect(try await world.storage.read { try await $0.jobs.find(id: job.id) }?.state == .completed)
            #expect(await world.homeserver.user("alice") != nil)
        }
    }

    @Test func aJobPastItsMaximumAttemptsIsFailed() async throws {
        try await MatrixWorld.with(maxBackoff: 1) { world in
            await world.homeserver.setFailure(.rejected(status: 500, errcode: "M_UNKNOWN", message: "Internal error"))
            let user = try await world.accounts.register(username: "alice", password: nil, email: nil, canRequestAdmin: false)
            // Replace the registration job with one allowed three attempts.
            let now = world.clock.now()
            let job = try HomeserverJob.syncDevices(userID: user.id).job(at: now, maxAttempts: 3)
            try await world.storage.transaction { try await $0.jobs.enqueue(job) }
            for _ in 0..<5 {
                await world.worker.drain()
                world.clock.advance(by: 1)
            }
            let stored = try #require(try await world.storage.read { try await $0.jobs.find(id: job.id) })
            #expect(stored.state == .failed)
            #expect(stored.attempts == 3)
            #expect(stored.lastError?.contains("HTTP 500 M_UNKNOWN") == true)
        }
    }

    @Test func backoffDoublesUpToTheMaximum() async throws {
        try await MatrixWorld.with { world in
            #expect([1, 2, 3, 8, 9, 100].map { world.worker.backoff(afterAttempts: $0) } == [2, 4, 8, 256, 300, 300])
        }
    }

    @Test func twoWorkersNeverRunTheSameJob() async throws {
        try await MatrixTestStorage.with { storage in
            let clock = ManualWallClock()
            let runs = Mutex<[String: Int]>([:])
            let handlers: [String: JobWorker.Handler] = ["test": { job in
                runs.withLock { $0[job.id.description, default: 0] += 1 }
                try await Task.sleep(for: .milliseconds(5))
            }]
            let now = clock.now()
            try await storage.transaction { repositories in
                for index in 0..<20 {
                    try await repositories.jobs.enqueue(Job(id: JobID(date: now.addingTimeInterval(Double(index) / 1000)), queue: "test", payload: "{}", runAt: now, createdAt: now))
                }
            }
            let first = JobWorker(storage: storage, clock: clock, handlers: handlers, logger: .init(label: "a"))
            let second = JobWorker(storage: storage, clock: clock, handlers: handlers, logger: .init(label: "b"))
            async let a = first.drain()
            async let b = second.drain()
            let total = await a + b
            #expect(total == 20)
            #expect(runs.withLock { $0.count } == 20)
            #expect(runs.withLock { $0.values.allSatisfy { $0 == 1 } })
        }
    }

    @Test func anExpiredLockIsPickedUpAgainAfterARestart() async throws {
        try await MatrixWorld.with { world in
            _ = try await world.accounts.register(username: "alice", password: nil, email: nil, canRequestAdmin: false)
            // A worker claims the job and dies before finishing it.
            let now = world.clock.now()
            let claimed = try await world.storage.transaction {
                try await $0.jobs.claimNext(queues: [HomeserverJob.queue], at: now, lockedUntil: now.addingTimeInterval(60))
            }
            #expect(claimed != nil)
            #expect(await world.worker.drain() == 0)
            world.clock.advance(by: 61)
            #expect(await world.worker.drain() == 1)
            #expect(await world.homeserver.user("alice") != nil)
        }
    }

    @Test func theWorkerStopsWhenCancelled() async throws {
        try await MatrixWorld.with { world in
            let task = Task { try await world.worker.run() }
            try await Task.sleep(for: .milliseconds(50))
            task.cancel()
            try await task.value
        }
    }
}
