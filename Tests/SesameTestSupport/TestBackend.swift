import Foundation
import Logging
import NIOPosix
import PostgresNIO
import SesameModel
import SesameStorage
import Testing

/// The engines the shared repository suite runs on. PostgreSQL joins when
/// `SESAME_TEST_POSTGRES_URL` names a server (the `make test` target starts one and sets it).
public enum TestBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    public static var postgresURL: String? { ProcessInfo.processInfo.environment["SESAME_TEST_POSTGRES_URL"] }

    /// The backends this run can reach.
    public static var available: [TestBackend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    public var testDescription: String { rawValue }
}

public let testLogger = Logger(label: "sesame.tests")

/// Opens a fresh, migrated, empty database on `backend` for one test and removes it afterwards:
/// a new SQLite file in a temporary folder, or a new PostgreSQL database on the test server.
public func withFreshStorage<T: Sendable>(_ backend: TestBackend, _ body: (any Storage) async throws -> T) async throws -> T {
    switch backend {
    case .sqlite:
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = try await StorageFactory.open(.sqlite(path: folder.appendingPathComponent("sesame.db").path), logger: testLogger)
        _ = try await storage.migrate()
        do {
            let result = try await body(storage)
            await storage.close()
            return result
        } catch {
            await storage.close()
            throw error
        }
    case .postgres:
        // Swift Testing starts every test at once; each PostgreSQL test holds a few connections,
        // so cap how many run together to stay well under the server's connection limit.
        await postgresSlots.acquire()
        defer { Task { await postgresSlots.release() } }
        let adminURL = try #require(TestBackend.postgresURL)
        let name = "sesame_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20))"
        try await runAdmin(adminURL, "CREATE DATABASE \(name)")
        let outcome: Result<T, any Error>
        do {
            var components = try #require(URLComponents(string: adminURL))
            components.path = "/\(name)"
            // A small pool: Swift Testing runs many tests at once, each with its own database.
            let storage = try await StorageFactory.open(.postgres(url: try #require(components.string)), maximumConnections: 2, logger: testLogger)
            do {
                _ = try await storage.migrate()
                outcome = .success(try await body(storage))
            } catch {
                outcome = .failure(error)
            }
            await storage.close()
        } catch {
            outcome = .failure(error)
        }
        // Dropped whatever happened above, so failed runs leave no databases behind.
        try? await runAdmin(adminURL, "DROP DATABASE \(name) WITH (FORCE)")
        return try outcome.get()
    }
}

/// Admission to the PostgreSQL test server.
private let postgresSlots = TestSemaphore(limit: 12)

/// A counting semaphore for async tests.
public actor TestSemaphore {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init(limit: Int) { available = limit }

    public func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    public func release() {
        if waiters.isEmpty {
            available += 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}

/// Runs one statement on the PostgreSQL test server's maintenance database.
private func runAdmin(_ url: String, _ statement: String) async throws {
    guard let components = URLComponents(string: url), let host = components.host else { throw StorageError.invalidURI(url) }
    let configuration = PostgresConnection.Configuration(
        host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
        password: components.password, database: String(components.path.dropFirst()).isEmpty ? "postgres" : String(components.path.dropFirst()),
        tls: .disable
    )
    let connection = try await PostgresConnection.connect(
        on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: testLogger
    )
    do {
        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: testLogger)
        try await connection.close()
    } catch {
        try? await connection.close()
        throw error
    }
}

