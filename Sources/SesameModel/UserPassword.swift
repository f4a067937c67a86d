import Foundation

/// One password a user has set. The newest row is the current password; older rows are kept so a
/// re-hash on login (scheme upgrade) can say which row it replaced.
public struct UserPassword: Hashable, Sendable {
    public var id: UserPasswordID
    public var userID: UserID
    /// The encoded hash (PHC string for argon2id, `$2b$…` for bcrypt).
    public var hashedPassword: String
    /// Which configured hashing scheme produced `hashedPassword`.
    public var schemeVersion: Int
    /// The row this one replaced when it was written by a scheme upgrade.
    public var upgradedFromID: UserPasswordID?
    public var createdAt: Date

    /// Creates a password value.
    public init(id: UserPasswordID, userID: UserID, hashedPassword: String, schemeVersion: Int, upgradedFromID: UserPasswordID? = nil, createdAt: Date) {
        self.id = id
        self.userID = userID
        self.hashedPassword = hashedPassword
        self.schemeVersion = schemeVersion
        self.upgradedFromID = upgradedFromID
        self.createdAt = createdAt
    }
}
