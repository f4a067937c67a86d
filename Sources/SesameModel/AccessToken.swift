import Foundation

/// An OAuth access token (`mat_…`). Only its SHA-256 hash is stored, never the token.
public struct AccessToken: Hashable, Sendable {
    public var id: AccessTokenID
    public var sessionID: OAuthSessionID
    public var createdAt: Date
    /// nil for tokens that do not expire.
    public var expiresAt: Date?
    public var revokedAt: Date?
    /// When the token was first presented; proves the client received it (refresh-token replay rules).
    public var firstUsedAt: Date?

    /// Creates an access token value.
    public init(id: AccessTokenID, sessionID: OAuthSessionID, createdAt: Date, expiresAt: Date?, revokedAt: Date? = nil, firstUsedAt: Date? = nil) {
        self.id = id
        self.sessionID = sessionID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.firstUsedAt = firstUsedAt
    }

    /// True when not revoked and not yet expired at `date`.
    public func isValid(at date: Date) -> Bool {
        Self.isValid(revokedAt: revokedAt, expiresAt: expiresAt, at: date)
    }

    /// The rule behind `isValid(at:)`, for reads that fetch these two columns without the whole
    /// token (introspection's `AccessTokenGrant`), so both answer alike.
    public static func isValid(revokedAt: Date?, expiresAt: Date?, at date: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { date < $0 } ?? true)
    }
}
