import Foundation
import Yams

/// A configuration ready to use, with what was ignored on the way.
public struct LoadedConfig: Sendable {
    public let config: SesameConfig
    public let warnings: [ConfigWarning]
}

/// Reads the YAML file, applies environment overrides, decodes and validates, reporting problems
/// by key and line.
public enum ConfigLoader {
    /// Prefix of environment overrides: `SESAME_DATABASE__URI=…` sets `database.uri`; `__` separates
    /// levels, and the value is read as YAML (so `[a, b]` is a list).
    public static let environmentPrefix = "SESAME_"

    /// Loads `path` (or the built-in defaults when nil) with overrides from `environment`.
    public static func load(path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> LoadedConfig {
        guard let path else { return try load(yaml: "", source: "defaults", environment: environment) }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "it is not readable UTF-8 text" : "no such file"
            throw .unreadable(path: path, reason: reason)
        }
        return try load(yaml: text, source: path, environment: environment)
    }

    /// Loads configuration text; `source` names it in errors.
    public static func load(yaml: String, source: String, environment: [String: String] = [:]) throws(ConfigError) -> LoadedConfig {
        var root: Node
        do {
            root = try Yams.compose(yaml: yaml) ?? Node.mapping(.init([]))
        } catch let error as YamlError {
            throw .syntax(path: source, line: Self.line(of: error), reason: Self.reason(of: error))
        } catch {
            throw .syntax(path: source, line: nil, reason: String(describing: error))
        }
        guard root.mapping != nil else { throw .invalid(key: "(top level)", line: root.mark?.line, reason: "expected a mapping of sections") }
        root = try applyOverrides(to: root, from: environment)

        let config: SesameConfig
        do {
            config = try YAMLDecoder().decode(SesameConfig.self, from: root)
        } catch let error as DecodingError {
            let (path, reason) = Self.describe(error)
            throw .invalid(key: path.joined(separator: "."), line: Self.locate(path, in: root), reason: reason)
        } catch {
            throw .invalid(key: "(top level)", line: nil, reason: String(describing: error))
        }
        do {
            try ConfigValidator.validate(config)
        } catch let .invalid(key, _, reason) {
            throw .invalid(key: key, line: Self.locate(key.split(separator: ".").map(String.init), in: root), reason: reason)
        } catch {
            throw error
        }
        return LoadedConfig(config: config, warnings: unknownKeys(in: root))
    }

    // MARK: Environment overrides

    static func applyOverrides(to root: Node, from environment: [String: String]) throws(ConfigError) -> Node {
        var root = root
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix(environmentPrefix) {
            let path = name.dropFirst(environmentPrefix.count).components(separatedBy: "__").map { $0.lowercased() }
            // Single-level names (SESAME_CONFIG, SESAME_TEST_…) are not overrides.
            guard path.count >= 2, path.allSatisfy({ !$0.isEmpty }) else { continue }
            let parsed: Node
            do {
                parsed = try Yams.compose(yaml: value) ?? Node(value)
            } catch {
                throw .invalid(key: path.joined(separator: "."), line: nil, reason: "environment variable \(name) is not a valid YAML value")
            }
            root = setting(parsed, at: path[...], in: root)
        }
        return root
    }

    private static func setting(_ value: Node, at path: ArraySlice<String>, in node: Node) -> Node {
        guard let key = path.first else { return value }
        var mapping = node.mapping ?? Node.Mapping([])
        mapping[key] = setting(value, at: path.dropFirst(), in: mapping[key] ?? Node.mapping(.init([])))
        return .mapping(mapping)
    }

    // MARK: Unknown keys

    /// Sections of the MAS config that Sesame does not implement.
    static let unsupportedMASSections: Set<String> = ["telemetry", "templates", "upstream_oauth2", "captcha"]

    static func unknownKeys(in root: Node) -> [ConfigWarning] {
        var warnings: [ConfigWarning] = []
        for (keyNode, valueNode) in root.mapping ?? Node.Mapping([]) {
            guard let key = keyNode.string else { continue }
            if unsupportedMASSections.contains(key) {
                warnings.append(ConfigWarning(key: key, line: keyNode.mark?.line, message: "this MAS section is not supported by Sesame and is ignored"))
            } else if !SesameConfig.knownKeys.contains(key) {
                warnings.append(ConfigWarning(key: key, line: keyNode.mark?.line, message: "unknown section, ignored"))
            } else if let known = SesameConfig.sectionKeys[key], let section = valueNode.mapping {
                for (innerKey, _) in section {
                    guard let name = innerKey.string, !known.contains(name) else { continue }
                    warnings.append(ConfigWarning(key: "\(key).\(name)", line: innerKey.mark?.line, message: "unknown key, ignored"))
                }
            }
        }
        return warnings
    }

    // MARK: Error locations

    static func locate(_ path: [String], in root: Node) -> Int? {
        var node = root
        var line = root.mark?.line
        for component in path {
            if let mapping = node.mapping, let (key, value) = mapping.first(where: { $0.key.string == component }) {
                line = key.mark?.line ?? line
                node = value
            } else if let sequence = node.sequence, let index = Int(component), sequence.indices.contains(index) {
                node = sequence[index]
                line = node.mark?.line ?? line
            } else {
                break
            }
        }
        return line
    }

    static func describe(_ error: DecodingError) -> (path: [String], reason: String) {
        func keys(_ path: [any CodingKey]) -> [String] { path.map { $0.intValue.map(String.init) ?? $0.stringValue } }
        switch error {
        case .typeMismatch(let type, let context):
            return (keys(context.codingPath), "expected \(typeName(type)); \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return (keys(context.codingPath), "a value of type \(typeName(type)) is required")
        case .keyNotFound(let key, let context):
            return (keys(context.codingPath + [key]), "this key is required")
        case .dataCorrupted(let context):
            return (keys(context.codingPath), context.debugDescription)
        @unknown default:
            return ([], String(describing: error))
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: String(describing: type)
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func reason(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return String(describing: error)
        }
    }
}
