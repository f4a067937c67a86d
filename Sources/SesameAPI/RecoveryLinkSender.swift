/// How GraphQL's `resendRecoveryEmail` mails a fresh recovery link and how often it may: the
/// server wires in its mail transport and the `rate_limiting.account_recovery` limits.
public protocol RecoveryLinkSender: Sendable {
    /// Whether another link may go to `email` now (counts the attempt).
    func mayResend(email: String) -> Bool
    /// Mails the link carrying `secret` to `email` for `username`; false when the transport failed
    /// (already logged, without the secret).
    func send(secret: String, to email: String, username: String) async -> Bool
}

/// The sender used when the server wires none in: no link can be mailed.
struct UnavailableRecoveryLinkSender: RecoveryLinkSender {
    func mayResend(email: String) -> Bool { true }
    func send(secret: String, to email: String, username: String) async -> Bool { false }
}
