import Foundation
import Testing
@testable import SesameEmail

/// The encodings a mail needs to cross SMTP intact: quoted-printable bodies, RFC 2047 headers,
/// mailboxes, the RFC 5322 date.
@Suite struct MIMEEncodingTests {
    @Test func quotedPrintableKeepsLinesShortAndRoundTrips() throws {
        let text = String(repeating: "Grüße aus Köln = schön. ", count: 20) + "trailing space \nnext\tline\t"
        let encoded = QuotedPrintable.encode(text)

        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(encoded.utf8.allSatisfy { $0 < 128 })
        #expect(encoded.contains("Gr=C3=BC=C3=9Fe"))
        #expect(encoded.contains("=3D"))
        #expect(encoded.contains("space=20\r\n"))
        #expect(try ReceivedMail.decodeQuotedPrintable(encoded) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func encodedWordsSplitOnCharactersAndDecodeBack() {
        let subject = String(repeating: "Bestätigen Sie Ihre Adresse 🔐 ", count: 4)
        let value = MIMEMessage.subjectValue(subject)
        let lines = value.components(separatedBy: "\r\n")

        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.trimmingCharacters(in: .whitespaces).count <= 75 })
        #expect(ReceivedMail.decodeEncodedWords(lines.joined()) == subject)
    }

    @Test func plainShortSubjectsStayReadableAndLineBreaksCannotInjectHeaders() {
        #expect(MIMEMessage.subjectValue("Verify your address") == "Verify your address")
        #expect(MIMEMessage.subjectValue("Hi\r\nBcc: mallory@example.org") == "Hi Bcc: mallory@example.org")
    }

    @Test(arguments: [
        ("\"Sesame\" <noreply@example.org>", "Sesame", "noreply@example.org", "Sesame <noreply@example.org>"),
        ("Sesame Auth <noreply@example.org>", "Sesame Auth", "noreply@example.org", "Sesame Auth <noreply@example.org>"),
        ("noreply@example.org", nil, "noreply@example.org", "noreply@example.org"),
        ("<root@localhost>", nil, "root@localhost", "root@localhost"),
        ("\"Doe, Jane\" <jane@example.org>", "Doe, Jane", "jane@example.org", "\"Doe, Jane\" <jane@example.org>"),
        ("Zoë <zoe@example.org>", "Zoë", "zoe@example.org", "=?UTF-8?B?Wm/Dqw==?= <zoe@example.org>"),
    ] as [(String, String?, String, String)])
    func mailboxes(text: String, name: String?, address: String, header: String) throws {
        let mailbox = try Mailbox(parsing: text)
        #expect(mailbox.displayName == name)
        #expect(mailbox.address == address)
        #expect(mailbox.headerValue == header)
    }

    @Test(arguments: ["", "no-at-sign", "a@", "@example.org", "a b@example.org", "a@example.org>\r\nRCPT TO:<b@example.org", "zoë@example.org"])
    func invalidMailboxes(text: String) {
        #expect(throws: MailboxError.self) { try Mailbox(parsing: text) }
    }

    @Test func dateIsRFC5322InUTC() {
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 1_795_482_123)) == "Tue, 24 Nov 2026 01:02:03 +0000")
    }

    @Test func dotStuffingDoublesLeadingDotsOnly() {
        #expect(DotStuffing.stuff(".\r\na.b\r\n..x\r\n") == "..\r\na.b\r\n...x\r\n")
    }
}
