/// Why a configuration could not be used; each names the key (and line, when read from a file).
public enum ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The text is not valid YAML.
    case syntax(path: String, line: Int?, reason: String)
    /// A key has a value of the wrong shape or an unacceptable value.
    case invalid(key: String, line: Int?, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read config file \(path): \(reason)"
        case .syntax(let path, let line, let reason):
            "config file \(path)\(line.map { " line \($0)" } ?? ""): not valid YAML: \(reason)"
        case .invalid(let key, let line, let reason):
            "config key \(key)\(line.map { " (line \($0))" } ?? ""): \(reason)"
        }
    }
}

/// A problem that does not stop Sesame (an unknown MAS section, an ignored key).
public struct ConfigWarning: Equatable, Sendable, CustomStringConvertible {
    public let key: String
    public let line: Int?
    public let message: String

    public var description: String { "config key \(key)\(line.map { " (line \($0))" } ?? ""): \(message)" }
}
