import Foundation
import SesameStorage
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("migrating an up-to-date database applies nothing", arguments: TestBackend.available)
    func idempotent(backend: TestBackend) async throws {
        try await withFreshStorage(backend) { storage in
            let again = try await storage.migrate()
            #expect(again.isEmpty)
            try await storage.checkHealth()
        }
    }

    @Test("a fresh SQLite file passes the integrity check after migrating")
    func integrity() async throws {
        try await withFreshStorage(.sqlite) { storage in
            let problems = try await storage.verifyIntegrity()
            #expect(problems.isEmpty)
        }
    }

    @Test("an unparseable database URI is refused with the expected forms")
    func badURI() {
        #expect(throws: StorageError.self) { try DatabaseURI(parsing: "mysql://localhost/db") }
        #expect(throws: StorageError.self) { try DatabaseURI(parsing: "sqlite:") }
    }

    @Test("the URI description hides the password")
    func redaction() throws {
        let uri = try DatabaseURI(parsing: "postgresql://sesame:hunter2@db.example.com:5432/sesame")
        #expect(!uri.description.contains("hunter2"))
        #expect(uri.description.contains("db.example.com"))
    }

    @Test("a SQLite file in a folder that does not exist is refused with a clear message")
    func missingFolder() async {
        await #expect(throws: StorageError.self) {
            _ = try await StorageFactory.open(.sqlite(path: "/nonexistent-\(UUID().uuidString)/sesame.db"), logger: testLogger)
        }
    }
}
