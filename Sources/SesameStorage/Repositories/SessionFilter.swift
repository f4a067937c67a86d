import Foundation
import SesameModel

/// Which sessions an all-users listing returns; every condition set must hold (the admin API's
/// `filter[…]` parameters, as MAS names them).
public struct SessionFilter: Hashable, Sendable {
    /// Active (not finished) or finished sessions.
    public enum Status: String, Hashable, Sendable, CaseIterable { case active, finished }

    /// Only this user's sessions.
    public var userID: UserID?
    public var status: Status?
    /// Only sessions created strictly before / after these times.
    public var createdBefore: Date?
    public var createdAfter: Date?
    /// Only sessions last active strictly before / after these times (never-used sessions match neither).
    public var lastActiveBefore: Date?
    public var lastActiveAfter: Date?

    /// Creates a filter; the default lists every session.
    public init(
        userID: UserID? = nil, status: Status? = nil, createdBefore: Date? = nil, createdAfter: Date? = nil,
        lastActiveBefore: Date? = nil, lastActiveAfter: Date? = nil
    ) {
        self.userID = userID
        self.status = status
        self.createdBefore = createdBefore
        self.createdAfter = createdAfter
        self.lastActiveBefore = lastActiveBefore
        self.lastActiveAfter = lastActiveAfter
    }
}

/// Which compatibility sessions a listing returns.
public struct CompatSessionFilter: Hashable, Sendable {
    public var session: SessionFilter
    /// Only sessions started from this browser session (single sign-on logins).
    public var browserSessionID: BrowserSessionID?

    /// Creates a filter; the default lists every session.
    public init(session: SessionFilter = .init(), browserSessionID: BrowserSessionID? = nil) {
        self.session = session
        self.browserSessionID = browserSessionID
    }
}

/// Which OAuth 2.0 sessions a listing returns.
public struct OAuthSessionFilter: Hashable, Sendable {
    /// Clients declared in the config file, or registered dynamically.
    public enum ClientKind: String, Hashable, Sendable, CaseIterable { case `static`, dynamic }

    public var session: SessionFilter
    /// Only sessions of one of these clients; empty for any client.
    public var clientIDs: [ClientID]
    public var clientKind: ClientKind?
    /// Only sessions approved from this browser session.
    public var browserSessionID: BrowserSessionID?
    /// Only sessions whose scope holds every one of these tokens.
    public var scope: [String]

    /// Creates a filter; the default lists every session.
    public init(
        session: SessionFilter = .init(), clientIDs: [ClientID] = [], clientKind: ClientKind? = nil,
        browserSessionID: BrowserSessionID? = nil, scope: [String] = []
    ) {
        self.session = session
        self.clientIDs = clientIDs
        self.clientKind = clientKind
        self.browserSessionID = browserSessionID
        self.scope = scope
    }
}
