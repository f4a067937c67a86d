/// The answer written straight to JSON, without Foundation's `JSONEncoder`: introspection is the
/// call the homeserver makes for every new token, and the generic encoder was about 4 % of its
/// profile (issue 7). The output is byte for byte what `JSONEncoder` with sorted keys and unescaped
/// slashes writes (a test compares the two), so clients see no difference.
extension IntrospectionResponse {
    /// The JSON object as text.
    public var jsonText: String { String(decoding: jsonBytes, as: UTF8.self) }

    /// The JSON object's UTF-8 bytes, keys in sorted order, absent fields left out. Written byte by
    /// byte: appending to a `String` scalar by scalar cost more than the database read (issue 7).
    public var jsonBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        out.append(contentsOf: #"{"active":"#.utf8)
        out.append(contentsOf: (active ? "true" : "false").utf8)
        // Sorted by key, as `.sortedKeys` orders them.
        Self.append(#","client_id":"#, string: clientID, to: &out)
        Self.append(#","device_id":"#, string: deviceID, to: &out)
        Self.append(#","exp":"#, number: exp, to: &out)
        Self.append(#","expires_in":"#, number: expiresIn, to: &out)
        Self.append(#","iat":"#, number: iat, to: &out)
        Self.append(#","scope":"#, string: scope, to: &out)
        Self.append(#","sub":"#, string: sub, to: &out)
        Self.append(#","token_type":"#, string: tokenType, to: &out)
        Self.append(#","username":"#, string: username, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static func append(_ key: StaticString, string value: String?, to out: inout [UInt8]) {
        guard let value else { return }
        appendKey(key, to: &out)
        appendQuoted(value, to: &out)
    }

    private static func append(_ key: StaticString, number value: Int?, to out: inout [UInt8]) {
        guard let value else { return }
        appendKey(key, to: &out)
        appendDecimal(value, to: &out)
    }

    /// `value` in decimal, as `String(value)` spells it, written without making that string: the
    /// digits go right to left into a scratch buffer on the stack and are appended in one copy.
    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // `UInt.max` has 20 digits.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// The keys are the literals above, written with their comma, quotes and colon (`,"exp":`):
    /// plain ASCII, copied as they are in one piece, no escape check.
    private static func appendKey(_ key: StaticString, to out: inout [UInt8]) {
        key.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// A JSON string literal: quote, backslash and control characters escaped as `JSONEncoder`
    /// escapes them (`\n`, `\t`, … and `\u00XX` for the rest); everything else, `/` and non-ASCII
    /// included, as is. Byte-wise is safe: every byte of a multi-byte UTF-8 sequence is ≥ 0x80.
    /// The runs between escapes (nearly always the whole value) are copied in one piece.
    private static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        var value = value
        out.append(UInt8(ascii: "\""))
        value.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendEscaped(byte, to: &out)
                runStart = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
        case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
        case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
        case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
        case 0x08: out.append(contentsOf: #"\b"#.utf8)
        case 0x0C: out.append(contentsOf: #"\f"#.utf8)
        default:
            let hex = Array("0123456789abcdef".utf8)
            out.append(contentsOf: #"\u00"#.utf8)
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
    }
}
