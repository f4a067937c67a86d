import Foundation
import Logging
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// The embedded engine: one SQLite file in WAL mode. SQLite allows one writer at a time, so writes
/// go through one connection behind an async gate (each transaction owns it from BEGIN to COMMIT),
/// while reads use separate connections that WAL lets run beside the writer.
final class SQLiteEngine: SQLEngine {
    let backend = StorageBackend.sqlite
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let nextReader = Atomic<Int>(0)
    private let writeGate = AsyncGate()

    private init(writer: SQLiteConnection, readers: [SQLiteConnection]) {
        self.writer = writer
        self.readers = readers
    }

    /// Opens (creating if needed) the database file at `path`; its folder must exist.
    static func open(path: String, readerCount: Int = 2, logger: Logger) async throws -> SQLiteEngine {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StorageError.unavailable("the data folder \(folder) does not exist; create it or point database.uri at another path")
        }
        do {
            let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            // WAL: readers never block the writer; NORMAL sync is crash-safe in WAL mode (a killed
            // process loses no committed transaction); foreign keys are off by default in SQLite.
            for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000"] {
                _ = try await writer.query(pragma)
            }
            var readers: [SQLiteConnection] = []
            for _ in 0..<max(readerCount, 1) {
                let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                _ = try await reader.query("PRAGMA busy_timeout = 5000")
                _ = try await reader.query("PRAGMA foreign_keys = ON")
                readers.append(reader)
            }
            return SQLiteEngine(writer: writer, readers: readers)
        } catch let error as SQLiteError {
            throw StorageError.unavailable("cannot open SQLite database \(path): \(error.message)")
        }
    }

    func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        return try await body(readers[index % readers.count].sql())
    }

    func withTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        await writeGate.enter()
        do {
            let sql = writer.sql()
            // IMMEDIATE takes the write lock up front, so the transaction can never fail half-way
            // with SQLITE_BUSY when it first writes.
            try await sql.execute("BEGIN IMMEDIATE")
            do {
                let result = try await body(sql)
                try await sql.execute("COMMIT")
                writeGate.leave()
                return result
            } catch {
                try? await sql.execute("ROLLBACK")
                throw error
            }
        } catch {
            writeGate.leave()
            throw error
        }
    }

    func translate(_ error: any Error) -> any Error {
        guard let error = error as? SQLiteError else { return error }
        // SQLiteNIO reports extended result codes (constraintUniqueFailed, constraintPrimaryKeyFailed),
        // so recognise a duplicate by SQLite's own message.
        if error.message.contains("UNIQUE constraint failed") {
            return StorageError.uniqueViolation(detail: error.message)
        }
        switch error.reason {
        case .cantOpen, .notADatabase, .corrupt, .readOnly, .full, .ioError:
            return StorageError.unavailable(error.message)
        default:
            return error
        }
    }

    func close() async {
        for connection in [writer] + readers {
            try? await connection.close()
        }
    }
}
