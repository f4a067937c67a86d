/// The credentials of an `Authorization` header (RFC 9110 §11.6.2: a scheme, a space, then the
/// credentials), read the same way by every endpoint that takes one: Bearer tokens (introspection's
/// shared secret, userinfo, the APIs, the Matrix compatibility layer) and Basic client credentials.
public enum AuthorizationHeader {
    /// The text after `scheme` and its space, without surrounding whitespace (tabs and Unicode space
    /// separators, as Foundation's `.whitespaces`); nil when the header uses another scheme. The
    /// scheme is matched without regard to ASCII case. Empty credentials are returned as "".
    ///
    /// Written on bytes rather than with `lowercased()` and Foundation's trimming: it runs on every
    /// introspection call (issue 7). The bytes decide unless a non-ASCII character is left at
    /// either end once tabs and spaces are trimmed: only then are Unicode scalars looked at.
    public static func credentials(_ header: String, scheme: String) -> String? {
        let schemeLength = scheme.utf8.count
        var header = header
        let trimmed: TrimmedBytes? = header.withUTF8 { bytes in
            guard bytes.count > schemeLength, bytes[schemeLength] == UInt8(ascii: " "),
                  zip(bytes, scheme.utf8).allSatisfy({ lowercased($0) == lowercased($1) })
            else { return nil }
            var start = schemeLength + 1
            var end = bytes.count
            while start < end, isASCIIBlank(bytes[start]) { start += 1 }
            while end > start, isASCIIBlank(bytes[end - 1]) { end -= 1 }
            guard start == end || (bytes[start] < 0x80 && bytes[end - 1] < 0x80) else { return .needsScalars }
            return .credentials(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        }
        switch trimmed {
        case nil: return nil
        case .credentials(let credentials): return credentials
        case .needsScalars:
            // The scheme and the space are ASCII, so their bytes are as many scalars.
            var credentials = Substring(header).unicodeScalars.dropFirst(schemeLength + 1)
            while let first = credentials.first, isBlank(first) { credentials = credentials.dropFirst() }
            while let last = credentials.last, isBlank(last) { credentials = credentials.dropLast() }
            return String(Substring(credentials))
        }
    }

    /// What trimming the bytes found: the answer, or a non-ASCII character at an end that may be
    /// a Unicode space separator.
    private enum TrimmedBytes {
        case credentials(String)
        case needsScalars
    }

    private static func isASCIIBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    /// What `CharacterSet.whitespaces` holds: the tab and the space separators (category Zs).
    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        // In ASCII the only such characters are the tab and the space; the Unicode property
        // lookup is kept for the rest (it cost more than the header's parsing, issue 7).
        if scalar.isASCII { return scalar == "\t" || scalar == " " }
        return scalar.properties.generalCategory == .spaceSeparator
    }
}
