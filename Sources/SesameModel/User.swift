import Foundation

/// A person (or bot) with an account. The username is the Matrix localpart.
public struct User: Hashable, Sendable {
    /// Stable identifier.
    public var id: UserID
    /// The Matrix localpart, unique.
    public var username: Username
    /// When the account was created.
    public var createdAt: Date
    /// Set while the account is locked: its sessions stop working, but it can be unlocked.
    public var lockedAt: Date?
    /// Set once the account is deactivated.
    public var deactivatedAt: Date?
    /// Whether this user may ask for admin scopes (`urn:synapse:admin:*`, `urn:mas:admin`).
    public var canRequestAdmin: Bool

    /// Creates a user value.
    public init(id: UserID, username: Username, createdAt: Date, lockedAt: Date? = nil, deactivatedAt: Date? = nil, canRequestAdmin: Bool = false) {
        self.id = id
        self.username = username
        self.createdAt = createdAt
        self.lockedAt = lockedAt
        self.deactivatedAt = deactivatedAt
        self.canRequestAdmin = canRequestAdmin
    }

    /// A user may sign in and use tokens only while neither locked nor deactivated.
    public var isActive: Bool { Self.isActive(lockedAt: lockedAt, deactivatedAt: deactivatedAt) }

    /// The rule behind `isActive`, for reads that fetch these columns without the whole user.
    public static func isActive(lockedAt: Date?, deactivatedAt: Date?) -> Bool { lockedAt == nil && deactivatedAt == nil }
}
