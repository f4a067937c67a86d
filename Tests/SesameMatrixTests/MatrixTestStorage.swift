import Foundation
import Logging
import SesameModel
import SesameStorage

/// A fresh, migrated SQLite database in a temporary folder for one scenario.
enum MatrixTestStorage {
    static func with<T: Sendable>(_ body: (any Storage) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-matrix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = try await StorageFactory.open(.sqlite(path: folder.appendingPathComponent("db").path), logger: Logger(label: "test"))
        _ = try await storage.migrate()
        do {
            let result = try await body(storage)
            await storage.close()
            return result
        } catch {
            await storage.close()
            throw error
        }
    }
}
