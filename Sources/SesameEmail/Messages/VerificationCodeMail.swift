/// The mail carrying a 6-digit code that proves the reader owns the address.
public struct VerificationCodeMail: Sendable, Equatable {
    /// Why the code was asked for; the wording differs.
    public enum Reason: String, Sendable, Equatable {
        case registration, addEmail
    }

    public var to: String
    public var code: String
    public var reason: Reason
    /// The Matrix server name, so the reader knows which service wrote.
    public var serverName: String
    /// Minutes until the code stops working.
    public var validMinutes: Int

    /// Creates the mail's contents.
    public init(to: String, code: String, reason: Reason, serverName: String, validMinutes: Int = 10) {
        self.to = to
        self.code = code
        self.reason = reason
        self.serverName = serverName
        self.validMinutes = validMinutes
    }
}
