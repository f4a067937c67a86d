import Foundation

/// Sends one rendered mail. Implementations: SMTP (`SMTPMailer`), log-only for development
/// (`LogMailer`) and MAS's `blackhole` (`BlackholeMailer`).
public protocol Mailer: Sendable {
    func send(_ mail: OutgoingMail) async throws
}

/// A mail ready to send: one recipient, a subject, and the same content as text and HTML.
public struct OutgoingMail: Sendable, Equatable {
    public var to: String
    public var subject: String
    public var text: String
    public var html: String

    public init(to: String, subject: String, text: String, html: String) {
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
    }
}

/// A send failure as text fit for the log: SMTP servers echo the recipient in their replies
/// (`550 <bob@…>: Recipient address rejected`) and the address check quotes it, and addresses
/// are personal data that logs must not collect.
public func loggableMailFailure(_ error: any Error, recipient: String) -> String {
    let text = String(describing: error)
    let address = recipient.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !address.isEmpty else { return text }
    return text.replacingOccurrences(of: address, with: "<recipient>", options: .caseInsensitive)
}
