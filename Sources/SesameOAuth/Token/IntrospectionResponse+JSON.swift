/// The answer written straight to JSON text, without Foundation's `JSONEncoder`: introspection is
/// the call the homeserver makes for every new token, and the generic encoder was about 4 % of its
/// profile (issue 7). The output is byte for byte what `JSONEncoder` with sorted keys and unescaped
/// slashes writes (a test compares the two), so clients see no difference.
extension IntrospectionResponse {
    /// The JSON object, keys in sorted order, absent fields left out.
    public var jsonText: String {
        var out = "{\"active\":"
        out += active ? "true" : "false"
        // Sorted by key, as `.sortedKeys` orders them.
        appendString("client_id", clientID, to: &out)
        appendString("device_id", deviceID, to: &out)
        appendNumber("exp", exp, to: &out)
        appendNumber("expires_in", expiresIn, to: &out)
        appendNumber("iat", iat, to: &out)
        appendString("scope", scope, to: &out)
        appendString("sub", sub, to: &out)
        appendString("token_type", tokenType, to: &out)
        appendString("username", username, to: &out)
        out += "}"
        return out
    }

    private func appendString(_ key: String, _ value: String?, to out: inout String) {
        guard let value else { return }
        out += ",\"\(key)\":"
        Self.appendQuoted(value, to: &out)
    }

    private func appendNumber(_ key: String, _ value: Int?, to out: inout String) {
        guard let value else { return }
        out += ",\"\(key)\":\(value)"
    }

    /// A JSON string literal: quote, backslash and control characters escaped as `JSONEncoder`
    /// escapes them (`\n`, `\t`, … and `\u00XX` for the rest); everything else, `/` included, as is.
    static func appendQuoted(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
