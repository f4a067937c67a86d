import Dispatch

/// Runs deliberately slow CPU work (password hashing) off the caller's executor.
///
/// A 70 ms hash on the cooperative pool would stall every other task on that thread; a global
/// Dispatch queue keeps the pool free. NIOThreadPool would do too, but NIOPosix is not a declared
/// dependency of this target.
enum BlockingWork {
    /// Runs `work` on a global queue and resumes with its result.
    static func run<Result: Sendable>(
        _ work: @escaping @Sendable () throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Swift.Result { try work() })
            }
        }
    }
}
