import Testing
@testable import SesameEmail

/// Send failures reach the log without the recipient's address.
@Suite("Loggable mail failures")
struct LoggableMailFailureTests {
    struct Echo: Error, CustomStringConvertible {
        let description: String
    }

    @Test("the address is taken out of the error text, whatever its case; the rest stays")
    func addressRemoved() {
        let error = Echo(description: "the SMTP server answered RCPT TO with 550 5.1.1 <Bob@Example.org>: Recipient address rejected")
        let logged = loggableMailFailure(error, recipient: "bob@example.org")
        #expect(!logged.lowercased().contains("bob@example.org"))
        #expect(logged == "the SMTP server answered RCPT TO with 550 5.1.1 <<recipient>>: Recipient address rejected")
    }
}
