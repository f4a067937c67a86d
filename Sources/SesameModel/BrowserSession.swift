import Foundation

/// A signed-in web browser (the session cookie), the parent of OAuth sessions started from it.
public struct BrowserSession: Hashable, Sendable {
    public var id: BrowserSessionID
    public var userID: UserID
    public var createdAt: Date
    /// Set when the user logged out or the session was ended from elsewhere.
    public var finishedAt: Date?
    public var activity: ActivityRecord

    /// Creates a browser session value.
    public init(id: BrowserSessionID, userID: UserID, createdAt: Date, finishedAt: Date? = nil, activity: ActivityRecord = .init()) {
        self.id = id
        self.userID = userID
        self.createdAt = createdAt
        self.finishedAt = finishedAt
        self.activity = activity
    }

    /// True until the session is finished.
    public var isActive: Bool { finishedAt == nil }
}
