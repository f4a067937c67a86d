/// The mail carrying a single-use link to choose a new password.
public struct RecoveryLinkMail: Sendable, Equatable {
    public var to: String
    /// The absolute `/recover/{ticket}` URL.
    public var link: String
    /// The account's username, so the reader knows which account it is for.
    public var username: String
    public var serverName: String
    /// Minutes until the link stops working.
    public var validMinutes: Int

    /// Creates the mail's contents.
    public init(to: String, link: String, username: String, serverName: String, validMinutes: Int) {
        self.to = to
        self.link = link
        self.username = username
        self.serverName = serverName
        self.validMinutes = validMinutes
    }
}
