import Foundation

/// One mail as it travels in SMTP `DATA`: RFC 5322 headers and a `multipart/alternative` body
/// (RFC 2046 §5.1.4) with the text part first and the HTML part last, as readers prefer the
/// last part they can show.
struct MIMEMessage: Sendable {
    var from: Mailbox
    var replyTo: Mailbox?
    var to: Mailbox
    var subject: String
    var text: String
    var html: String
    var date: Date
    /// Unique per message; also seeds the boundary.
    var uniqueID: String

    /// The message with CRLF line endings, ready for dot-stuffing.
    func rendered() -> String {
        // Quoted-printable output never contains "=_", so this boundary cannot occur in a part.
        let boundary = "=_sesame_\(uniqueID)"
        var headers = [
            "Date: \(RFC5322Date.format(date))",
            "From: \(from.headerValue)",
        ]
        if let replyTo { headers.append("Reply-To: \(replyTo.headerValue)") }
        headers += [
            "To: \(to.headerValue)",
            "Subject: \(Self.subjectValue(subject))",
            "Message-ID: <\(uniqueID)@\(from.domain)>",
            "MIME-Version: 1.0",
            // Folded: on one line the boundary parameter would pass 78 characters.
            "Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"",
        ]
        var lines = headers
        lines.append("")
        for (type, content) in [("text/plain", text), ("text/html", html)] {
            lines += [
                "--\(boundary)",
                "Content-Type: \(type); charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                QuotedPrintable.encode(content),
            ]
        }
        lines.append("--\(boundary)--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A subject is one line: line breaks become spaces (no header injection); non-ASCII or
    /// long subjects go as folded RFC 2047 encoded words.
    static func subjectValue(_ subject: String) -> String {
        let oneLine = subject.canonicalLines.joined(separator: " ")
        // 78 characters per line is RFC 5322 §2.1.1's recommendation; "Subject: " takes 9.
        if oneLine.allSatisfy(\.isASCII) && oneLine.count <= 69 { return oneLine }
        return EncodedWord.encode(oneLine, separator: "\r\n ")
    }
}

/// SMTP transparency (RFC 5321 §4.5.2): a line starting with "." gets a second ".", so the
/// message can never end `DATA` early.
enum DotStuffing {
    static func stuff(_ message: String) -> String {
        var output = ""
        output.reserveCapacity(message.utf8.count + 16)
        var atLineStart = true
        for character in message {
            if atLineStart && character == "." { output.append(".") }
            output.append(character)
            atLineStart = character.isNewline
        }
        return output
    }
}
