import SesameModel

/// The paths of the email verification, recovery and address pages, so links and redirects agree.
enum EmailPaths {
    static let recover = "/recover"
    static let emails = "/account/emails"

    /// Where the code for `id` is typed.
    static func verify(_ id: EmailVerificationID) -> String { "/verify-email/\(id)" }
    /// Where a new code for `id` is asked for.
    static func resend(_ id: EmailVerificationID) -> String { "/verify-email/\(id)/resend" }
    /// The recovery link's path (the secret is the last component).
    static func recoveryTicket(_ secret: String) -> String { "/recover/\(secret)" }
    /// Removes an address from the signed-in user's account.
    static func removeEmail(_ id: UserEmailID) -> String { "\(emails)/\(id)/remove" }
}
