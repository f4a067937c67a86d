import Synchronization
import Testing

@testable import SesameStorage

/// The gate that gives SQLite's single writer connection to one transaction at a time.
@Suite("Async gate")
struct AsyncGateTests {
    /// Counts holders inside the gate and remembers the most seen at once.
    private final class Occupancy: Sendable {
        private let state = Mutex((inside: 0, most: 0, entries: 0))

        func enter() { state.withLock { $0.inside += 1; $0.most = max($0.most, $0.inside); $0.entries += 1 } }
        func leave() { state.withLock { $0.inside -= 1 } }
        var most: Int { state.withLock { $0.most } }
        var entries: Int { state.withLock { $0.entries } }
    }

    /// The order in which tasks got through the gate.
    private final class Arrivals: Sendable {
        private let list = Mutex<[Int]>([])

        func append(_ index: Int) { list.withLock { $0.append(index) } }
        var all: [Int] { list.withLock { $0 } }
    }

    @Test("many tasks contending for the gate hold it one at a time, and all get through")
    func mutualExclusion() async {
        let gate = AsyncGate()
        let occupancy = Occupancy()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    await gate.enter()
                    occupancy.enter()
                    // Suspends while holding the gate, as a transaction does between statements.
                    await Task.yield()
                    occupancy.leave()
                    gate.leave()
                }
            }
        }
        #expect(occupancy.entries == 200)
        #expect(occupancy.most == 1)
    }

    @Test("waiters are let in in the order they arrived")
    func firstInFirstOut() async throws {
        let gate = AsyncGate()
        let order = Arrivals()
        await gate.enter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<5 {
                group.addTask {
                    await gate.enter()
                    order.append(index)
                    gate.leave()
                }
                // Give each waiter time to queue before the next one starts.
                try await Task.sleep(for: .milliseconds(20))
            }
            gate.leave()
            try await group.waitForAll()
        }
        #expect(order.all == [0, 1, 2, 3, 4])
    }
}
