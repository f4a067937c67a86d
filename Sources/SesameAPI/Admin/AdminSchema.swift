/// JSON Schema fragments for the OpenAPI document (3.1, so nullability is a `null` type).
enum AdminSchema {
    static let string: AdminJSON = ["type": "string"]
    static let nullableString: AdminJSON = ["type": ["string", "null"]]
    static let ulid: AdminJSON = ["type": "string", "pattern": "^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$", "example": "01J7R4Z1Q2X3Y4Z5A6B7C8D9EF"]
    static let nullableULID: AdminJSON = ["type": ["string", "null"], "pattern": "^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$"]
    static let dateTime: AdminJSON = ["type": "string", "format": "date-time"]
    static let nullableDateTime: AdminJSON = ["type": ["string", "null"], "format": "date-time"]
    static let boolean: AdminJSON = ["type": "boolean"]
    static let integer: AdminJSON = ["type": "integer"]
    static let nullableInteger: AdminJSON = ["type": ["integer", "null"], "minimum": 0]
    static let stringArray: AdminJSON = ["type": "array", "items": ["type": "string"]]

    /// An object whose members are all present.
    static func object(_ properties: [String: AdminJSON], optional: Set<String> = []) -> AdminJSON {
        .object([
            "type": "object",
            "properties": .object(properties),
            "required": .array(properties.keys.sorted().filter { !optional.contains($0) }.map(AdminJSON.string)),
        ])
    }

    /// A reference to a named schema in `components.schemas`.
    static func ref(_ name: String) -> AdminJSON { ["$ref": .string("#/components/schemas/\(name)")] }

    /// A resource object of `type` whose attributes are the named schema.
    static func resource(_ type: String, _ attributes: String, inList: Bool = false) -> AdminJSON {
        var properties: [String: AdminJSON] = [
            "type": ["type": "string", "const": .string(type)],
            "id": ulid,
            "attributes": ref(attributes),
            "links": object(["self": string]),
        ]
        if inList { properties["meta"] = object(["page": object(["cursor": ulid])]) }
        return object(properties)
    }

    /// The document for one resource.
    static func single(_ type: String, _ attributes: String) -> AdminJSON {
        object(["data": resource(type, attributes), "links": object(["self": string])])
    }

    /// The document for a page of resources; `data` and `links` are absent with `count=only`,
    /// `meta` with `count=false`.
    static func list(_ type: String, _ attributes: String) -> AdminJSON {
        object([
            "meta": object(["count": ["type": "integer", "minimum": 0]]),
            "data": ["type": "array", "items": resource(type, attributes, inList: true)],
            "links": object(["self": string, "first": string, "last": string, "next": string, "prev": string], optional: ["first", "last", "next", "prev"]),
        ], optional: ["meta", "data", "links"])
    }

    /// `{"errors": [{"title": …}]}`.
    static let errors: AdminJSON = object(["errors": ["type": "array", "items": object(["title": string])]])

    /// The pagination query parameters every listing accepts.
    static let pageParameters: [AdminParameter] = [
        AdminParameter(name: "page[first]", schema: ["type": "integer", "minimum": 1, "maximum": .int(PageParameters.maximumSize)], description: "At most this many items from the start of the range"),
        AdminParameter(name: "page[last]", schema: ["type": "integer", "minimum": 1, "maximum": .int(PageParameters.maximumSize)], description: "At most this many items from the end of the range (not with page[first])"),
        AdminParameter(name: "page[after]", schema: ulid, description: "Only items after this cursor (an item ID)"),
        AdminParameter(name: "page[before]", schema: ulid, description: "Only items before this cursor (an item ID)"),
        AdminParameter(name: "count", schema: ["type": "string", "enum": .array(CountMode.allCases.map { .string($0.rawValue) })], description: "include (default): data and meta.count; false: no count; only: only the count"),
    ]

    /// `filter[user]`: only one user's items (every user's without it).
    static let userFilter = AdminParameter(name: "filter[user]", schema: ulid, description: "Only this user's items")
}
