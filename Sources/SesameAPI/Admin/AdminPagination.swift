import Foundation
import SesameModel
import SesameStorage

/// `count=include|false|only`: whether a listing carries the total, and whether it carries data.
enum CountMode: String, Sendable, CaseIterable {
    case include, `false`, only
}

/// The cursor pagination parameters of a listing: `page[first]` or `page[last]`, `page[after]`,
/// `page[before]` (ULIDs of rows already seen), and `count`.
struct PageParameters: Sendable {
    static let defaultSize = 10
    static let maximumSize = 100

    var first: Int?
    var last: Int?
    var after: ULID?
    var before: ULID?
    var count: CountMode

    /// Reads and checks the parameters; anything out of range is a 400.
    init(_ call: AdminCall) throws(AdminAPIError) {
        func size(_ name: String) throws(AdminAPIError) -> Int? {
            guard let text = call.query(name) else { return nil }
            guard let value = Int(text), (1...Self.maximumSize).contains(value) else {
                throw .badRequest("\(name) must be an integer from 1 to \(Self.maximumSize)")
            }
            return value
        }
        func cursor(_ name: String) throws(AdminAPIError) -> ULID? {
            guard let text = call.query(name) else { return nil }
            guard let ulid = ULID(text) else { throw .badRequest("\(name) must be the ID of a row (a ULID)") }
            return ulid
        }
        first = try size("page[first]")
        last = try size("page[last]")
        if first != nil && last != nil { throw .badRequest("page[first] and page[last] cannot be used together") }
        after = try cursor("page[after]")
        before = try cursor("page[before]")
        let countText = call.query("count") ?? "include"
        guard let count = CountMode(rawValue: countText) else { throw .badRequest("count must be include, false or only") }
        self.count = count
    }

    /// How many rows a page holds.
    var size: Int { first ?? last ?? Self.defaultSize }
    /// Whether the page is taken from the end of the range (`page[last]`).
    var fromEnd: Bool { last != nil }

    /// The storage request: one row more than the page, to learn whether another page follows.
    var probe: PageRequest {
        PageRequest(after: after?.description, before: before?.description, limit: size + 1, fromEnd: fromEnd)
    }

    /// Trims rows fetched with ``probe`` (ascending) to the page; `more` tells whether rows were left
    /// beyond the page in the direction of travel.
    func trim<T>(_ fetched: [T]) -> (items: [T], more: Bool) {
        guard fetched.count > size else { return (fetched, false) }
        return fromEnd ? (Array(fetched.suffix(size)), true) : (Array(fetched.prefix(size)), true)
    }

    /// Pages through rows already in memory, ascending by ID.
    func paginate<T>(_ rows: [T], id: (T) -> ULID) -> (items: [T], more: Bool) {
        let inRange = rows.filter { row in
            (after.map { id(row) > $0 } ?? true) && (before.map { id(row) < $0 } ?? true)
        }.sorted { id($0) < id($1) }
        let window = fromEnd ? Array(inRange.suffix(size + 1)) : Array(inRange.prefix(size + 1))
        return trim(window)
    }
}

/// One resource object of a JSON:API document.
struct AdminResource: Sendable {
    let type: String
    let id: String
    let attributes: AdminJSON
    /// The resource's own path under the API base, e.g. `/users/01H…`.
    let path: String

    /// The resource object; in listings it also carries its cursor.
    func json(inList: Bool = false) -> AdminJSON {
        var object: [String: AdminJSON] = [
            "type": .string(type), "id": .string(id), "attributes": attributes,
            "links": ["self": .string(AdminAPIRoutes.basePath + path)],
        ]
        if inList { object["meta"] = ["page": ["cursor": .string(id)]] }
        return .object(object)
    }

    /// The single-resource document.
    var document: AdminJSON {
        ["data": json(), "links": ["self": .string(AdminAPIRoutes.basePath + path)]]
    }
}

/// Builds a listing document: data, `meta.count`, and links to the first, last, next and previous pages.
enum AdminListDocument {
    static func make(_ call: AdminCall, page: PageParameters, items: [AdminResource], more: Bool, count: () async throws -> Int) async throws -> AdminJSON {
        var document: [String: AdminJSON] = [:]
        if page.count != .false { document["meta"] = ["count": .int(try await count())] }
        if page.count == .only {
            document["links"] = ["self": .string(link(call, ["count=only"]))]
            return .object(document)
        }
        document["data"] = .array(items.map { $0.json(inList: true) })
        var links: [String: AdminJSON] = [
            "self": .string(link(call, pageItems(page))),
            "first": .string(link(call, ["page[first]=\(page.size)"])),
            "last": .string(link(call, ["page[last]=\(page.size)"])),
        ]
        let hasNext = page.fromEnd ? page.before != nil : more
        let hasPrevious = page.fromEnd ? more : page.after != nil
        if hasNext, let lastID = items.last?.id { links["next"] = .string(link(call, ["page[after]=\(lastID)", "page[first]=\(page.size)"])) }
        if hasPrevious, let firstID = items.first?.id { links["prev"] = .string(link(call, ["page[before]=\(firstID)", "page[last]=\(page.size)"])) }
        document["links"] = .object(links)
        return .object(document)
    }

    private static func pageItems(_ page: PageParameters) -> [String] {
        var items: [String] = []
        if let first = page.first { items.append("page[first]=\(first)") }
        if let last = page.last { items.append("page[last]=\(last)") }
        if let after = page.after { items.append("page[after]=\(after)") }
        if let before = page.before { items.append("page[before]=\(before)") }
        return items
    }

    /// The requested path with the request's filters kept and `extra` page items appended.
    private static func link(_ call: AdminCall, _ extra: [String]) -> String {
        let allowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))
        let filters = call.query.filter { $0.name.hasPrefix("filter[") }.map { item in
            "\(item.name)=\(item.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }
        let items = filters + extra
        return items.isEmpty ? call.path : call.path + "?" + items.joined(separator: "&")
    }
}
