import Foundation

/// Where a device authorization (RFC 8628) stands.
public enum DeviceCodeGrantState: Hashable, Sendable {
    case pending
    case fulfilled(browserSessionID: BrowserSessionID, fulfilledAt: Date)
    case rejected(browserSessionID: BrowserSessionID, rejectedAt: Date)
    case exchanged(browserSessionID: BrowserSessionID, sessionID: OAuthSessionID, fulfilledAt: Date, exchangedAt: Date)
}

/// A device authorization request: the device polls with the device code while the user
/// approves the user code in a browser.
public struct DeviceCodeGrant: Hashable, Sendable {
    public var id: DeviceCodeGrantID
    public var clientID: ClientID
    public var scope: Scope
    /// The short code the user types (RFC 8628 §6.1).
    public var userCode: String
    public var createdAt: Date
    public var expiresAt: Date
    /// The last time the device polled, for `slow_down`.
    public var lastPolledAt: Date?
    public var activity: ActivityRecord
    public var status: DeviceCodeGrantState

    /// Creates a device grant value.
    public init(
        id: DeviceCodeGrantID, clientID: ClientID, scope: Scope, userCode: String, createdAt: Date, expiresAt: Date,
        lastPolledAt: Date? = nil, activity: ActivityRecord = .init(), status: DeviceCodeGrantState = .pending
    ) {
        self.id = id
        self.clientID = clientID
        self.scope = scope
        self.userCode = userCode
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastPolledAt = lastPolledAt
        self.activity = activity
        self.status = status
    }
}
