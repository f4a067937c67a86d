import CSQLite3
import Foundation
import Logging
import SQLKit
import Synchronization

/// The embedded engine: one SQLite file in WAL mode, through Sesame's own driver (`SQLite/`) on the
/// SQLite compiled into the binary (`CSQLite3`). SQLite allows one writer at a time, so writes go
/// through one connection behind an async gate (each transaction owns it from BEGIN to COMMIT),
/// while reads borrow connections from a pool that WAL lets run beside the writer.
final class SQLiteEngine: SQLEngine {
    let backend = StorageBackend.sqlite
    private let writer: SQLiteHandle
    private let readers: SQLiteReaderPool
    private let writeGate = AsyncGate()
    private let logger: Logger

    private init(writer: SQLiteHandle, readers: SQLiteReaderPool, logger: Logger) {
        self.writer = writer
        self.readers = readers
        self.logger = logger
    }

    /// Opens (creating if needed) the database file at `path`; its folder must exist.
    /// `readerCount` connections are opened up front and kept idle between reads.
    static func open(path: String, readerCount: Int = 4, logger: Logger) async throws -> SQLiteEngine {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StorageError.unavailable("the data folder \(folder) does not exist; create it or point database.uri at another path")
        }
        do {
            let writer = try SQLiteHandle.open(path: path)
            // WAL: readers never block the writer; NORMAL sync is crash-safe in WAL mode (a killed
            // process loses no committed transaction); foreign keys are off by default in SQLite.
            try writer.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000")
            // One reader up front proves the file is readable; the pool opens the rest on demand.
            let first = try SQLiteReaderPool.openReader(path: path)
            let readers = SQLiteReaderPool(path: path, idleLimit: max(readerCount, 1), first: [first])
            return SQLiteEngine(writer: writer, readers: readers, logger: logger)
        } catch let error as SQLiteDriverError {
            throw StorageError.unavailable("cannot open SQLite database \(path): \(error.message)")
        }
    }

    func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await readers.withHandle { handle in
            try await body(SQLiteDirectDatabase(handle: handle, logger: logger))
        }
    }

    func withTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        await writeGate.enter()
        defer { writeGate.leave() }
        // IMMEDIATE takes the write lock up front, so the transaction can never fail half-way
        // with SQLITE_BUSY when it first writes.
        try writer.run("BEGIN IMMEDIATE", binds: []) { _ in }
        do {
            let result = try await body(SQLiteDirectDatabase(handle: writer, logger: logger))
            try writer.run("COMMIT", binds: []) { _ in }
            return result
        } catch {
            // SQLite may already have rolled back (e.g. after SQLITE_FULL); then there is nothing to undo.
            if writer.isInTransaction { try? writer.run("ROLLBACK", binds: []) { _ in } }
            throw error
        }
    }

    func translate(_ error: any Error) -> any Error {
        guard let error = error as? SQLiteDriverError else { return error }
        if error.code == sesame_sqlite_constraint_unique || error.code == sesame_sqlite_constraint_primarykey {
            return StorageError.uniqueViolation(detail: error.message)
        }
        switch error.primaryCode {
        case SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_CORRUPT, SQLITE_READONLY, SQLITE_FULL, SQLITE_IOERR:
            return StorageError.unavailable(error.message)
        default:
            return error
        }
    }

    func close() async {
        await writeGate.enter()
        defer { writeGate.leave() }
        writer.close()
        readers.close()
    }
}
