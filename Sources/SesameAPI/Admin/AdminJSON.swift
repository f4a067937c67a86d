import Foundation

/// A JSON value built in code: the admin API's documents and its OpenAPI description are both
/// assembled from these, so what is served and what is described share one vocabulary.
public indirect enum AdminJSON: Sendable, Equatable, Encodable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([AdminJSON])
    case object([String: AdminJSON])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(arrayLiteral elements: AdminJSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, AdminJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// A string, or null when absent.
    static func string(_ value: String?) -> AdminJSON { value.map(AdminJSON.string) ?? .null }
    /// An integer, or null when absent.
    static func int(_ value: Int?) -> AdminJSON { value.map(AdminJSON.int) ?? .null }
    /// An RFC 3339 timestamp, or null when absent.
    static func date(_ value: Date?) -> AdminJSON {
        value.map { .string(Date.ISO8601FormatStyle(includingFractionalSeconds: true).format($0)) } ?? .null
    }

    /// The member `key` of an object, nil otherwise.
    public subscript(key: String) -> AdminJSON? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The value as compact JSON with sorted keys.
    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }
}
