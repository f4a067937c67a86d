import Foundation

/// A compatibility-layer refresh token (`mcr_…`), rotated on use. Only its hash is stored.
public struct CompatRefreshToken: Hashable, Sendable {
    public var id: CompatRefreshTokenID
    public var sessionID: CompatSessionID
    public var accessTokenID: CompatAccessTokenID
    public var createdAt: Date
    public var consumedAt: Date?
    public var revokedAt: Date?

    /// Creates a compat refresh token value.
    public init(id: CompatRefreshTokenID, sessionID: CompatSessionID, accessTokenID: CompatAccessTokenID, createdAt: Date, consumedAt: Date? = nil, revokedAt: Date? = nil) {
        self.id = id
        self.sessionID = sessionID
        self.accessTokenID = accessTokenID
        self.createdAt = createdAt
        self.consumedAt = consumedAt
        self.revokedAt = revokedAt
    }

    /// True when neither consumed nor revoked.
    public var isValid: Bool { consumedAt == nil && revokedAt == nil }
}
