import Foundation

/// A JSON object from a request body, read field by field so each problem gets its Matrix error:
/// unparsable text is `M_BAD_JSON`, an absent field `M_MISSING_PARAM`, a wrong type `M_INVALID_PARAM`.
struct JSONBody {
    let fields: [String: Any]

    /// Parses `data`; an empty body counts as `{}` (clients post `/logout` without one).
    init(_ data: Data) throws(MatrixError) {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            fields = [:]
            return
        }
        guard let parsed = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw .badJSON("The request body is not valid JSON")
        }
        guard let object = parsed as? [String: Any] else { throw .badJSON("The request body must be a JSON object") }
        fields = object
    }

    init(fields: [String: Any]) { self.fields = fields }

    /// A string field; nil when absent or null.
    func string(_ key: String) throws(MatrixError) -> String? {
        guard let value = fields[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw .invalidParameter("\(key) must be a string") }
        return text
    }

    /// A string field that must be present.
    func requiredString(_ key: String) throws(MatrixError) -> String {
        guard let text = try string(key) else { throw .missingParameter(key) }
        return text
    }

    /// A boolean field; nil when absent or null.
    func bool(_ key: String) throws(MatrixError) -> Bool? {
        guard let value = fields[key], !(value is NSNull) else { return nil }
        guard let flag = value as? Bool else { throw .invalidParameter("\(key) must be a boolean") }
        return flag
    }

    /// A nested object field; nil when absent or null.
    func object(_ key: String) throws(MatrixError) -> JSONBody? {
        guard let value = fields[key], !(value is NSNull) else { return nil }
        guard let object = value as? [String: Any] else { throw .invalidParameter("\(key) must be an object") }
        return JSONBody(fields: object)
    }
}
