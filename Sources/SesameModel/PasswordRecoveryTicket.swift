import Foundation

/// A password-reset link sent to a confirmed address: only the SHA-256 of the link's secret is
/// stored; it works once and for a limited time.
public struct PasswordRecoveryTicket: Hashable, Sendable {
    /// How long a link works. MAS uses 10 minutes; Sesame allows an hour because mail can be slow
    /// and the link is single use.
    public static let lifetime: TimeInterval = 60 * 60

    public var id: PasswordRecoveryTicketID
    public var userID: UserID
    /// The address the link was sent to.
    public var email: String
    /// SHA-256 hex of the secret in the link.
    public var ticketHash: String
    public var createdAt: Date
    public var expiresAt: Date
    /// When a new password was set with it.
    public var usedAt: Date?

    /// Creates a ticket value.
    public init(
        id: PasswordRecoveryTicketID, userID: UserID, email: String, ticketHash: String, createdAt: Date, expiresAt: Date, usedAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.email = email
        self.ticketHash = ticketHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }

    /// True when the link may still set a password at `date`.
    public func isUsable(at date: Date) -> Bool { usedAt == nil && date < expiresAt }
}

public typealias PasswordRecoveryTicketID = EntityID<PasswordRecoveryTicket>
