/// The credentials of an `Authorization` header (RFC 9110 §11.6.2: a scheme, a space, then the
/// credentials), read the same way by every endpoint that takes one: Bearer tokens (introspection's
/// shared secret, userinfo, the APIs, the Matrix compatibility layer) and Basic client credentials.
public enum AuthorizationHeader {
    /// The text after `scheme` and its space, without surrounding whitespace (tabs and Unicode space
    /// separators, as Foundation's `.whitespaces`); nil when the header uses another scheme. The
    /// scheme is matched without regard to ASCII case. Empty credentials are returned as "".
    ///
    /// Written on bytes and scalars rather than with `lowercased()` and Foundation's trimming: it
    /// runs on every introspection call (issue 7).
    public static func credentials(_ header: String, scheme: String) -> String? {
        let schemeLength = scheme.utf8.count
        guard zip(header.utf8, scheme.utf8).allSatisfy({ lowercased($0) == lowercased($1) }),
              header.utf8.dropFirst(schemeLength).first == UInt8(ascii: " ")
        else { return nil }
        // The scheme and the space are ASCII, so their bytes are as many scalars.
        var credentials = Substring(header).unicodeScalars.dropFirst(schemeLength + 1)
        while let first = credentials.first, isBlank(first) { credentials = credentials.dropFirst() }
        while let last = credentials.last, isBlank(last) { credentials = credentials.dropLast() }
        return String(Substring(credentials))
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
