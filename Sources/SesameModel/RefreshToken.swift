import Foundation

/// An OAuth refresh token (`mar_…`), rotated on every use. Only its hash is stored.
public struct RefreshToken: Hashable, Sendable {
    public var id: RefreshTokenID
    public var sessionID: OAuthSessionID
    /// The access token issued alongside it.
    public var accessTokenID: AccessTokenID?
    public var createdAt: Date
    /// When it was exchanged for a new pair.
    public var consumedAt: Date?
    /// The token that replaced it, so a replay can be traced.
    public var nextRefreshTokenID: RefreshTokenID?
    public var revokedAt: Date?

    /// Creates a refresh token value.
    public init(
        id: RefreshTokenID, sessionID: OAuthSessionID, accessTokenID: AccessTokenID?, createdAt: Date,
        consumedAt: Date? = nil, nextRefreshTokenID: RefreshTokenID? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.sessionID = sessionID
        self.accessTokenID = accessTokenID
        self.createdAt = createdAt
        self.consumedAt = consumedAt
        self.nextRefreshTokenID = nextRefreshTokenID
        self.revokedAt = revokedAt
    }

    /// True when neither consumed nor revoked.
    public var isValid: Bool { consumedAt == nil && revokedAt == nil }
}
