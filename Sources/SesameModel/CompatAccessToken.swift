import Foundation

/// A compatibility-layer access token (`mct_…`). Only its hash is stored.
public struct CompatAccessToken: Hashable, Sendable {
    public var id: CompatAccessTokenID
    public var sessionID: CompatSessionID
    public var createdAt: Date
    /// nil when the client did not ask for refresh tokens: such tokens live until logout.
    public var expiresAt: Date?
    public var revokedAt: Date?

    /// Creates a compat access token value.
    public init(id: CompatAccessTokenID, sessionID: CompatSessionID, createdAt: Date, expiresAt: Date?, revokedAt: Date? = nil) {
        self.id = id
        self.sessionID = sessionID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// True when not revoked and not yet expired at `date`.
    public func isValid(at date: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { date < $0 } ?? true)
    }
}
