import Foundation

/// An invite code that lets someone register when registration requires one.
public struct RegistrationToken: Hashable, Sendable {
    public var id: RegistrationTokenID
    /// The code itself; shown to admins, so stored as entered.
    public var token: String
    /// How many registrations it allows; nil for unlimited.
    public var usageLimit: Int?
    public var timesUsed: Int
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var expiresAt: Date?
    public var revokedAt: Date?

    /// Creates a registration token value.
    public init(
        id: RegistrationTokenID, token: String, usageLimit: Int? = nil, timesUsed: Int = 0, createdAt: Date,
        lastUsedAt: Date? = nil, expiresAt: Date? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.token = token
        self.usageLimit = usageLimit
        self.timesUsed = timesUsed
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// True when the token may still be used for a registration at `date`.
    public func isUsable(at date: Date) -> Bool {
        revokedAt == nil
            && (expiresAt.map { date < $0 } ?? true)
            && (usageLimit.map { timesUsed < $0 } ?? true)
    }
}
