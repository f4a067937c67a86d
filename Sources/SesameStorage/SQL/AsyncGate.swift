import Synchronization

/// A FIFO mutual-exclusion gate for async code: one holder at a time, waiters resumed in order.
/// Used to give one SQLite transaction at a time the single writer connection.
///
/// A lock rather than an actor: taking a free gate (the common case) then costs no hop to the
/// actor's executor and back, which showed in every write's profile (issue 7).
final class AsyncGate: Sendable {
    private struct State {
        var held = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Waits until the gate is free and takes it.
    func enter() async {
        let taken = state.withLock { state in
            guard !state.held else { return false }
            state.held = true
            return true
        }
        if taken { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            // The gate may have been freed between the two locks: then take it now.
            let takenNow = state.withLock { state in
                guard state.held else {
                    state.held = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if takenNow { continuation.resume() }
        }
    }

    /// Hands the gate to the next waiter, or frees it.
    func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.held = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
