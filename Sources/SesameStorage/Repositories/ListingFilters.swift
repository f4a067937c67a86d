import Foundation
import SesameModel

/// Which email addresses a listing returns.
public struct UserEmailFilter: Hashable, Sendable {
    /// Only this user's addresses.
    public var userID: UserID?
    /// Only this address, compared case-insensitively.
    public var email: String?

    /// Creates a filter; the default lists every address.
    public init(userID: UserID? = nil, email: String? = nil) {
        self.userID = userID
        self.email = email
    }
}

/// Which personal sessions a listing returns.
public struct PersonalSessionFilter: Hashable, Sendable {
    /// Not revoked, or revoked.
    public enum Status: String, Hashable, Sendable, CaseIterable { case active, revoked }

    /// Only sessions created by this user, or by this client.
    public var ownerUserID: UserID?
    public var ownerClientID: ClientID?
    /// Only sessions whose tokens act as this user.
    public var actorUserID: UserID?
    public var status: Status?
    /// Only sessions whose scope holds every one of these tokens.
    public var scope: [String]
    /// Only sessions whose current (unrevoked) token expires before, or after, this moment (MAS's
    /// `filter[expires_before]`, `filter[expires_after]`); a token that never expires matches neither.
    public var expiresBefore: Date?
    public var expiresAfter: Date?
    /// Only sessions whose current token has an expiry (true), or that have none: a token that
    /// never expires, or no current token at all (false) — MAS's `filter[expires]`.
    public var expires: Bool?

    /// Creates a filter; the default lists every session.
    public init(
        ownerUserID: UserID? = nil, ownerClientID: ClientID? = nil, actorUserID: UserID? = nil, status: Status? = nil, scope: [String] = [],
        expiresBefore: Date? = nil, expiresAfter: Date? = nil, expires: Bool? = nil
    ) {
        self.ownerUserID = ownerUserID
        self.ownerClientID = ownerClientID
        self.actorUserID = actorUserID
        self.status = status
        self.scope = scope
        self.expiresBefore = expiresBefore
        self.expiresAfter = expiresAfter
        self.expires = expires
    }
}

/// Which registration tokens a listing returns; `now` decides what has expired.
public struct RegistrationTokenFilter: Hashable, Sendable {
    /// The moment "expired" and "valid" are judged at.
    public var now: Date
    /// Used at least once (true) or never (false).
    public var used: Bool?
    public var revoked: Bool?
    /// Past its expiry time (true) or not (false).
    public var expired: Bool?
    /// Usable for a registration now: not revoked, not expired, uses left (true), or not (false).
    public var valid: Bool?

    /// Creates a filter; with no conditions it lists every token.
    public init(now: Date, used: Bool? = nil, revoked: Bool? = nil, expired: Bool? = nil, valid: Bool? = nil) {
        self.now = now
        self.used = used
        self.revoked = revoked
        self.expired = expired
        self.valid = valid
    }
}
