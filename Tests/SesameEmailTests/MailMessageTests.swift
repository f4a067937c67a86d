import Testing
@testable import SesameEmail

@Suite("Mail messages")
struct MailMessageTests {
    @Test("the registration code mail carries the code in the subject, the text and the HTML")
    func registrationCode() throws {
        let mail = try MailComposer().compose(VerificationCodeMail(to: "carol@example.org", code: "042917", reason: .registration, serverName: "example.org"))
        #expect(mail.to == "carol@example.org")
        #expect(mail.subject == "Your verification code for example.org: 042917")
        #expect(mail.text.contains("    042917\n"))
        #expect(mail.text.contains("creating an account on example.org"))
        #expect(mail.text.contains("works for 10 minutes"))
        #expect(mail.html.contains(">042917</p>"))
        #expect(!mail.text.contains("adding this email address"))
    }

    @Test("the add-address code mail says the address is being added to an account")
    func addEmailCode() throws {
        let mail = try MailComposer().compose(VerificationCodeMail(to: "a@example.org", code: "100200", reason: .addEmail, serverName: "example.org"))
        #expect(mail.text.contains("adding this email address to their account on example.org"))
        #expect(!mail.text.contains("creating an account"))
        #expect(mail.html.contains("adding this email address"))
    }

    @Test("the recovery mail links to the page in both bodies; HTML escapes, text does not")
    func recoveryLink() throws {
        let link = "https://auth.example.org/recover/AbC123?x=1&y=2"
        let mail = try MailComposer().compose(RecoveryLinkMail(to: "a@example.org", link: link, username: "alice", serverName: "example.org", validMinutes: 60))
        #expect(mail.subject == "Reset your password on example.org")
        #expect(mail.text.contains("Hello alice,"))
        #expect(mail.text.contains("\n\(link)\n"))
        #expect(mail.text.contains("for 60 minutes"))
        #expect(mail.html.contains("href=\"https://auth.example.org/recover/AbC123?x=1&amp;y=2\""))
    }

    @Test("markup in a value is escaped in the HTML body")
    func escaping() throws {
        let mail = try MailComposer().compose(RecoveryLinkMail(to: "a@example.org", link: "https://x.example/", username: "<b>eve</b>", serverName: "example.org", validMinutes: 60))
        #expect(mail.html.contains("&lt;b&gt;eve&lt;/b&gt;"))
        #expect(!mail.html.contains("<b>eve</b>"))
    }
}
