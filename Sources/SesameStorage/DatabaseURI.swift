import Foundation

/// Where the data lives: `sqlite:PATH` (a file, the embedded default) or `postgresql://…`.
public enum DatabaseURI: Hashable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// Parses the `database.uri` config value.
    public init(parsing text: String) throws(StorageError) {
        if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") {
            guard URL(string: text)?.host != nil else {
                throw .invalidURI("\(Self.redacted(text)) has no host; expected postgresql://USER:PASSWORD@HOST:PORT/DATABASE")
            }
            self = .postgres(url: text)
        } else if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }  // accept sqlite://path as well as sqlite:path
            guard !path.isEmpty else { throw .invalidURI("sqlite: needs a file path, e.g. sqlite:sesame-data/sesame.db") }
            self = .sqlite(path: path)
        } else {
            throw .invalidURI("\(Self.redacted(text)) is neither sqlite:PATH nor postgresql://…")
        }
    }

    /// The URI with any password replaced, safe for logs and error messages.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): Self.redacted(url)
        }
    }

    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? "postgresql://***"
    }
}
