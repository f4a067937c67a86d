import Foundation

/// Who issued a personal session: a user for themself, or an admin client on someone's behalf.
public enum PersonalSessionOwner: Hashable, Sendable {
    case user(UserID)
    case client(ClientID)
}

/// A long-lived personal access session (for bots and scripts); its tokens are `mpt_…`.
public struct PersonalSession: Hashable, Sendable {
    public var id: PersonalSessionID
    public var owner: PersonalSessionOwner
    /// The user the tokens act as.
    public var actorUserID: UserID
    public var humanName: String
    public var scope: Scope
    public var createdAt: Date
    public var revokedAt: Date?
    public var activity: ActivityRecord

    /// Creates a personal session value.
    public init(
        id: PersonalSessionID, owner: PersonalSessionOwner, actorUserID: UserID, humanName: String, scope: Scope,
        createdAt: Date, revokedAt: Date? = nil, activity: ActivityRecord = .init()
    ) {
        self.id = id
        self.owner = owner
        self.actorUserID = actorUserID
        self.humanName = humanName
        self.scope = scope
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.activity = activity
    }
}
