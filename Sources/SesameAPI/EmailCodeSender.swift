import SesameModel

/// How GraphQL's email authentication mails its codes and how often it may: the server wires in
/// its mail transport and the `rate_limiting.email_authentication` limits.
public protocol EmailCodeSender: Sendable {
    /// Whether another code may go to `email` for `userID` now (counts the attempt).
    func mayStart(email: String, userID: UserID) -> Bool
    /// Mails `code` to `email`; false when the transport failed (already logged, without the code).
    func send(code: String, to email: String) async -> Bool
}

/// The sender used when the server wires none in: no code can be mailed, so no address can be
/// verified through GraphQL.
struct UnavailableEmailCodeSender: EmailCodeSender {
    func mayStart(email: String, userID: UserID) -> Bool { true }
    func send(code: String, to email: String) async -> Bool { false }
}
