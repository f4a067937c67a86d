/// Where a page may send the browser next (`next=`): only a path on this server. Anything that a
/// browser could read as another origin (`//evil`, `/\evil`, `https://…`) is refused, so the
/// pages cannot be used as an open redirect.
enum LocalPath {
    /// `text` when it is a local path, else nil.
    static func validated(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"),
              text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F })
        else { return nil }
        return text
    }

    /// `path` with `parameters` added as a query (values percent-encoded).
    static func withQuery(_ path: String, _ parameters: [(String, String?)]) -> String {
        let pairs = parameters.compactMap { name, value in value.map { "\(name)=\(QueryEncoding.encode($0))" } }
        guard !pairs.isEmpty else { return path }
        return path + (path.contains("?") ? "&" : "?") + pairs.joined(separator: "&")
    }
}

/// Percent-encoding for query values.
enum QueryEncoding {
    /// Everything outside RFC 3986 unreserved characters, percent-encoded.
    static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                result.append("%")
                result.append(hex[Int(byte >> 4)])
                result.append(hex[Int(byte & 0x0F)])
            }
        }
        return result
    }
}
