import Foundation

/// An email address attached to a user; usable for login and recovery once confirmed.
public struct UserEmail: Hashable, Sendable {
    public var id: UserEmailID
    public var userID: UserID
    /// The address, as entered (compared case-insensitively).
    public var email: String
    public var createdAt: Date
    /// When the user proved they own the address; nil while unverified.
    public var confirmedAt: Date?

    /// Creates an email value.
    public init(id: UserEmailID, userID: UserID, email: String, createdAt: Date, confirmedAt: Date? = nil) {
        self.id = id
        self.userID = userID
        self.email = email
        self.createdAt = createdAt
        self.confirmedAt = confirmedAt
    }
}
