import Foundation
import Testing

@Suite("Storage backends")
struct BackendCoverageTests {
    /// `make test` sets SESAME_REQUIRE_POSTGRES so a run that silently lost its PostgreSQL server fails
    /// instead of passing on SQLite alone.
    @Test("the repository suite runs on every required engine")
    func backendsUnderTest() {
        let engines = TestBackend.available.map(\.rawValue).joined(separator: " and ")
        print("storage suite engines: \(engines)")
        if ProcessInfo.processInfo.environment["SESAME_REQUIRE_POSTGRES"] == "1" {
            #expect(TestBackend.available.contains(.postgres), "SESAME_TEST_POSTGRES_URL is not set: PostgreSQL was not started")
        }
    }
}
