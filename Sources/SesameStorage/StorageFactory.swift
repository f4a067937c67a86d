import Logging

/// Opens the storage a database URI names.
public enum StorageFactory {
    /// Opens SQLite or PostgreSQL; `maximumConnections` sizes the PostgreSQL pool
    /// (SQLite uses one writer and two readers).
    public static func open(_ uri: DatabaseURI, maximumConnections: Int = 10, logger: Logger) async throws -> any Storage {
        switch uri {
        case .sqlite(let path):
            return SQLStorage(engine: try await SQLiteEngine.open(path: path, logger: logger))
        case .postgres(let url):
            return SQLStorage(engine: try await PostgresEngine.open(url: url, maximumConnections: maximumConnections, logger: logger))
        }
    }
}
