import Testing
@testable import SesameEmail

@Suite struct OutgoingMailTests {
    @Test func keepsBothBodies() {
        let mail = OutgoingMail(to: "a@example.org", subject: "Hi", text: "plain", html: "<p>html</p>")
        #expect(mail.text == "plain")
        #expect(mail.html == "<p>html</p>")
    }
}
