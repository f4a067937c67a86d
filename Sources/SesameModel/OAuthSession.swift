import Foundation

/// A client's standing access: the parent of its access and refresh tokens. `userID` is nil for
/// client-credentials sessions, which act as the client itself.
public struct OAuthSession: Hashable, Sendable {
    public var id: OAuthSessionID
    public var clientID: ClientID
    public var userID: UserID?
    /// The browser session the user approved it from, if any.
    public var browserSessionID: BrowserSessionID?
    public var scope: Scope
    public var createdAt: Date
    /// Set when the session was ended (logout, revocation, replay detection).
    public var finishedAt: Date?
    /// A name the user gave the session on the account page.
    public var humanName: String?
    public var activity: ActivityRecord

    /// Creates an OAuth session value.
    public init(
        id: OAuthSessionID, clientID: ClientID, userID: UserID?, browserSessionID: BrowserSessionID? = nil, scope: Scope,
        createdAt: Date, finishedAt: Date? = nil, humanName: String? = nil, activity: ActivityRecord = .init()
    ) {
        self.id = id
        self.clientID = clientID
        self.userID = userID
        self.browserSessionID = browserSessionID
        self.scope = scope
        self.createdAt = createdAt
        self.finishedAt = finishedAt
        self.humanName = humanName
        self.activity = activity
    }

    /// True until the session is finished.
    public var isActive: Bool { Self.isActive(finishedAt: finishedAt) }

    /// The rule behind `isActive`, for reads that fetch the column without the whole session.
    public static func isActive(finishedAt: Date?) -> Bool { finishedAt == nil }
}
