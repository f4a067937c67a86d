/// Quoted-printable content transfer encoding (RFC 2045 §6.7) for UTF-8 text bodies: readable
/// where the text is ASCII, 7-bit safe everywhere, lines at most 76 characters.
enum QuotedPrintable {
    static let maximumLineLength = 76

    /// Encodes `text`; line breaks (LF, CRLF or CR) become CRLF hard line breaks.
    static func encode(_ text: String) -> String {
        text.canonicalLines.map(encodeLine).joined(separator: "\r\n")
    }

    private static func encodeLine(_ line: Substring) -> String {
        let bytes = Array(line.utf8)
        var output = ""
        var lineLength = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let token: String
            switch byte {
            // Rule 3: a space or tab at the end of a line must be encoded.
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                token = isLast ? escape(byte) : String(UnicodeScalar(byte))
            // Rule 2: printable ASCII except "=" stands for itself.
            case 33...60, 62...126:
                token = String(UnicodeScalar(byte))
            default:
                token = escape(byte)
            }
            // Rule 5: a soft line break "=" keeps each encoded line within 76 characters.
            let reserve = isLast ? 0 : 1
            if lineLength + token.count + reserve > maximumLineLength {
                output += "=\r\n"
                lineLength = 0
            }
            output += token
            lineLength += token.count
        }
        return output
    }

    private static func escape(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0F)])"
    }
}

extension String {
    /// The lines of the text, whatever the line break convention.
    var canonicalLines: [Substring] {
        // "\r\n" is one Character in Swift, so splitting on newlines handles all three forms.
        split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }
}
