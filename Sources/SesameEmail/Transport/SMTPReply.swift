/// One server reply (RFC 5321 §4.2): a three-digit code and one or more lines of text.
struct SMTPReply: Sendable, Equatable {
    var code: Int
    /// The text of each line after the code and its separator.
    var lines: [String]

    /// All lines as one, for error messages.
    var text: String { lines.joined(separator: " ").trimmingMailWhitespace() }

    /// 2yz: the command was accepted.
    var isPositiveCompletion: Bool { (200..<300).contains(code) }

    /// The extensions an EHLO reply announces (RFC 5321 §4.1.1.1): keyword → parameters, both
    /// upper-cased. The first line is the server's greeting, not an extension.
    var extensions: [String: [String]] {
        var result: [String: [String]] = [:]
        for line in lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            result[keyword] = Array(words.dropFirst())
        }
        return result
    }
}
