import Foundation
import SesameModel
import SesameOAuth

/// One authorized admin API request, reduced to what the operations read: path parameters,
/// decoded query items, the body, and the access that was checked.
struct AdminCall: Sendable {
    /// The path parameters, percent-decoded.
    let parameters: [String: String]
    /// The query items, percent-decoded, in order.
    let query: [(name: String, value: String)]
    /// The request body (empty when none was sent).
    let body: Data
    /// The admin's checked token.
    let caller: AdminCaller
    /// The path as requested, without the query, for `links.self`.
    let path: String

    /// The last value of the query item `name`.
    func query(_ name: String) -> String? { query.last { $0.name == name }?.value }

    /// A path parameter that must be a ULID naming an entity; a malformed ID names nothing, so 404.
    func id<Entity>(_ type: EntityID<Entity>.Type, what: String, name: String = "id") throws(AdminAPIError) -> EntityID<Entity> {
        let text = parameters[name] ?? ""
        guard let id = EntityID<Entity>(text) else { throw .notFound("\(what) \(text) not found") }
        return id
    }

    /// The body decoded as `T`; a missing or malformed body is a 400 naming the problem.
    func decode<T: Decodable>(_ type: T.Type) throws(AdminAPIError) -> T {
        let data = body.isEmpty ? Data("{}".utf8) : body
        do {
            return try JSONDecoder.admin.decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .badRequest("the request body is missing \(key.stringValue)")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .badRequest("the request body has the wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw .badRequest("the request body has null at \(context.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw .badRequest("the request body has an invalid value at \(context.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch {
            throw .badRequest("the request body is not a JSON object of the expected shape")
        }
    }

    /// Every value of the query item `name`, for filters that may be repeated.
    func queryAll(_ name: String) -> [String] { query.filter { $0.name == name }.map(\.value) }

    /// A query filter naming an entity by ULID, nil when absent; a malformed ID is a 400.
    func idFilter<Entity>(_ name: String, _ type: EntityID<Entity>.Type) throws(AdminAPIError) -> EntityID<Entity>? {
        guard let text = query(name) else { return nil }
        guard let id = EntityID<Entity>(text) else { throw .badRequest("\(name) must be an ID (a ULID)") }
        return id
    }

    /// An RFC 3339 date-time query filter, nil when absent.
    func dateFilter(_ name: String) throws(AdminAPIError) -> Date? {
        guard let text = query(name) else { return nil }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        throw .badRequest("\(name) must be an RFC 3339 date-time")
    }

    /// A query filter with one of a fixed set of values, nil when absent.
    func enumFilter<Value: RawRepresentable & CaseIterable>(_ name: String, _ type: Value.Type) throws(AdminAPIError) -> Value?
    where Value.RawValue == String {
        guard let text = query(name) else { return nil }
        guard let value = Value(rawValue: text) else {
            throw .badRequest("\(name) must be one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// A boolean query filter (`true`/`false`), nil when absent.
    func booleanFilter(_ name: String) throws(AdminAPIError) -> Bool? {
        guard let text = query(name) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: throw .badRequest("\(name) must be true or false")
        }
    }

    /// Parses a raw query string: `+` is a space, names and values are percent-decoded.
    static func parseQuery(_ raw: String?) -> [(name: String, value: String)] {
        guard let raw, !raw.isEmpty else { return [] }
        return raw.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decode(parts[0])
            return name.isEmpty ? nil : (name, parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}

extension JSONDecoder {
    /// Request bodies carry RFC 3339 timestamps.
    static var admin: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
            if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an RFC 3339 date-time"))
        }
        return decoder
    }
}
