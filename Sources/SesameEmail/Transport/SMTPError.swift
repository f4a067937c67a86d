/// Why a mail could not be sent over SMTP. Descriptions name the SMTP command and the server's
/// reply code and text, never a password.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A sender or recipient is not a usable address.
    case invalidAddress(String)
    /// The TCP connection could not be made.
    case connectionFailed(host: String, port: Int, reason: String)
    /// No reply (or no connection) within the configured time.
    case timedOut(waitingFor: String)
    /// The server closed the connection in the middle of the conversation.
    case connectionClosed
    /// The server answered with something that is not an SMTP reply.
    case malformedReply(String)
    /// The server refused a command: `command` is the verb only (`RCPT TO`, `AUTH PLAIN`).
    case rejected(command: String, code: Int, message: String)
    /// Mode `starttls` was asked for, but the server does not offer STARTTLS.
    case startTLSNotOffered
    /// The TLS handshake failed (untrusted certificate, wrong host name, protocol error).
    case tlsFailed(String)
    /// A username is configured but the connection is not encrypted, and plaintext
    /// authentication was not explicitly allowed.
    case plaintextAuthenticationRefused
    /// A username is configured but the server offers neither AUTH PLAIN nor AUTH LOGIN.
    case noSupportedAuthMechanism(offered: [String])

    public var description: String {
        switch self {
        case .invalidAddress(let reason):
            "invalid mail address: \(reason)"
        case .connectionFailed(let host, let port, let reason):
            "cannot connect to SMTP server \(host):\(port): \(reason)"
        case .timedOut(let waitingFor):
            "SMTP timed out waiting for \(waitingFor)"
        case .connectionClosed:
            "the SMTP server closed the connection"
        case .malformedReply(let line):
            "the SMTP server sent something that is not an SMTP reply: \(line)"
        case .rejected(let command, let code, let message):
            "the SMTP server answered \(command) with \(code) \(message)"
        case .startTLSNotOffered:
            "the SMTP server does not offer STARTTLS, so the connection cannot be encrypted (email.mode is starttls)"
        case .tlsFailed(let reason):
            "TLS with the SMTP server failed: \(reason)"
        case .plaintextAuthenticationRefused:
            "refusing to send the SMTP password over an unencrypted connection: use email.mode starttls or tls"
        case .noSupportedAuthMechanism(let offered):
            "the SMTP server offers no supported AUTH mechanism (PLAIN or LOGIN); it offers: \(offered.isEmpty ? "none" : offered.joined(separator: " "))"
        }
    }
}
