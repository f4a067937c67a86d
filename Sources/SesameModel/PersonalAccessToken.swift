import Foundation

/// A personal access token (`mpt_…`). Only its hash is stored; regenerating revokes the previous one.
public struct PersonalAccessToken: Hashable, Sendable {
    public var id: PersonalAccessTokenID
    public var sessionID: PersonalSessionID
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?

    /// Creates a personal access token value.
    public init(id: PersonalAccessTokenID, sessionID: PersonalSessionID, createdAt: Date, expiresAt: Date?, revokedAt: Date? = nil) {
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
