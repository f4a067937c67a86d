import Foundation

/// What was last seen of a session: shown on the account page so people recognise their sessions.
public struct ActivityRecord: Hashable, Sendable {
    /// The user agent that created the session.
    public var userAgent: String?
    /// When the session was last used.
    public var lastActiveAt: Date?
    /// The IP address it was last used from.
    public var lastActiveIP: String?

    /// Creates an activity record.
    public init(userAgent: String? = nil, lastActiveAt: Date? = nil, lastActiveIP: String? = nil) {
        self.userAgent = userAgent
        self.lastActiveAt = lastActiveAt
        self.lastActiveIP = lastActiveIP
    }
}
