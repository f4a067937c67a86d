import Synchronization

/// Read connections for the SQLite file, lent one borrower at a time.
///
/// Reads run on the borrower's thread (see `SQLiteDirectDatabase`), so at most about one
/// connection per busy thread is out at once; the pool opens another when none is free and keeps
/// up to `idleLimit` of them for the next borrowers.
final class SQLiteReaderPool: Sendable {
    private struct State {
        var idle: [SQLiteHandle]
        var isClosed = false
    }

    private let path: String
    private let idleLimit: Int
    private let state: Mutex<State>

    init(path: String, idleLimit: Int, first: [SQLiteHandle]) {
        self.path = path
        self.idleLimit = idleLimit
        self.state = Mutex(State(idle: first))
    }

    func withHandle<T>(_ body: (SQLiteHandle) async throws -> T) async throws -> T {
        let borrowed = try state.withLock { state -> SQLiteHandle? in
            guard !state.isClosed else { throw StorageError.unavailable("the SQLite database is closed") }
            return state.idle.popLast()
        }
        let handle = try borrowed ?? Self.openReader(path: path)
        defer {
            state.withLock { state in
                if !state.isClosed, state.idle.count < idleLimit { state.idle.append(handle) }
            }
        }
        return try await body(handle)
    }

    /// Closes the idle connections and lends no more; borrowed ones close when given back.
    func close() {
        state.withLock { state in
            state.isClosed = true
            state.idle.removeAll()
        }
    }

    static func openReader(path: String) throws -> SQLiteHandle {
        let handle = try SQLiteHandle.open(path: path)
        try handle.execute("PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON")
        return handle
    }
}
