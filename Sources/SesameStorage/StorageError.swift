/// Failures a caller of the storage can act on; driver errors are translated into these.
public enum StorageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A row with the same unique value exists (e.g. a taken username).
    case uniqueViolation(detail: String)
    /// A row the operation depends on does not exist.
    case notFound(entity: String, id: String)
    /// A stored value could not be read back as its model type.
    case corruptRow(table: String, column: String, reason: String)
    /// The database URI could not be understood.
    case invalidURI(String)
    /// The database could not be opened or reached.
    case unavailable(String)
    /// The schema was written by a newer Sesame than this one.
    case schemaTooNew(databaseVersion: Int, knownVersion: Int)

    public var description: String {
        switch self {
        case .uniqueViolation(let detail): "unique constraint violated: \(detail)"
        case .notFound(let entity, let id): "\(entity) \(id) not found"
        case .corruptRow(let table, let column, let reason): "corrupt value in \(table).\(column): \(reason)"
        case .invalidURI(let reason): "invalid database URI: \(reason)"
        case .unavailable(let reason): "database unavailable: \(reason)"
        case .schemaTooNew(let databaseVersion, let knownVersion):
            "the database schema is at version \(databaseVersion) but this Sesame only knows up to \(knownVersion); upgrade Sesame"
        }
    }
}
