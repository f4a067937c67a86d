import Foundation

/// A mail as the test SMTP server received it, taken apart the way a mail reader would:
/// unfolded headers, encoded words decoded, MIME parts with their transfer encoding undone.
struct ReceivedMail {
    struct Part {
        let headers: [String: String]
        let body: String
    }

    let raw: String
    let headers: [String: String]
    let parts: [Part]

    init(raw: String) throws {
        self.raw = raw
        let (headerText, body) = Self.split(raw)
        headers = Self.parseHeaders(headerText)
        guard let contentType = headers["content-type"], let range = contentType.range(of: "boundary=\"") else {
            throw Malformed(reason: "no multipart boundary in \(headers["content-type"] ?? "nil")")
        }
        let boundary = String(contentType[range.upperBound...].prefix { $0 != "\"" })
        var parts: [Part] = []
        let pieces = body.components(separatedBy: "--\(boundary)")
        guard pieces.count >= 3, pieces.last?.hasPrefix("--") == true else { throw Malformed(reason: "multipart body not closed") }
        for piece in pieces.dropFirst().dropLast() {
            // "\r\n" is one Character in Swift.
            let trimmed = piece.hasPrefix("\r\n") ? String(piece.dropFirst()) : piece
            let (partHeaderText, partBody) = Self.split(trimmed)
            let partHeaders = Self.parseHeaders(partHeaderText)
            let content = partBody.hasSuffix("\r\n") ? String(partBody.dropLast()) : partBody
            guard partHeaders["content-transfer-encoding"] == "quoted-printable" else { throw Malformed(reason: "unexpected encoding") }
            parts.append(Part(headers: partHeaders, body: try Self.decodeQuotedPrintable(content)))
        }
        self.parts = parts
    }

    /// The header's value with RFC 2047 encoded words decoded.
    func header(_ name: String) -> String? { headers[name.lowercased()].map(Self.decodeEncodedWords) }

    /// The decoded body of the part of this content type.
    func part(_ type: String) -> String? { parts.first { $0.headers["content-type"]?.hasPrefix(type) == true }?.body }

    struct Malformed: Error { let reason: String }

    private static func split(_ text: String) -> (String, String) {
        guard let range = text.range(of: "\r\n\r\n") else { return (text, "") }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }

    private static func parseHeaders(_ text: String) -> [String: String] {
        var headers: [String: String] = [:]
        var last: String?
        for line in text.components(separatedBy: "\r\n") {
            if let first = line.first, first == " " || first == "\t", let name = last {
                headers[name, default: ""] += line  // unfolding: remove the CRLF only
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased()
                headers[name] = String(line[line.index(after: colon)...].drop { $0 == " " })
                last = name
            }
        }
        return headers
    }

    static func decodeQuotedPrintable(_ text: String) throws -> String {
        let joined = text.replacingOccurrences(of: "=\r\n", with: "")
        var bytes: [UInt8] = []
        var iterator = Array(joined.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "=") {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { throw Malformed(reason: "bad =XX") }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        guard let decoded = String(bytes: bytes, encoding: .utf8) else { throw Malformed(reason: "not UTF-8") }
        return decoded
    }

    static func decodeEncodedWords(_ value: String) -> String {
        let pattern = try! NSRegularExpression(pattern: "=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=(\\s+(?==\\?))?", options: [.caseInsensitive])
        var result = ""
        var cursor = value.startIndex
        for match in pattern.matches(in: value, range: NSRange(value.startIndex..., in: value)) {
            let whole = Range(match.range, in: value)!
            let payload = Range(match.range(at: 1), in: value)!
            result += value[cursor..<whole.lowerBound]
            result += String(decoding: Data(base64Encoded: String(value[payload])) ?? Data(), as: UTF8.self)
            cursor = whole.upperBound
        }
        return result + value[cursor...]
    }
}
