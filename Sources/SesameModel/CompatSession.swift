import Foundation

/// A session made through the Matrix compatibility layer (`/_matrix/client/v3/login`): one device.
public struct CompatSession: Hashable, Sendable {
    public var id: CompatSessionID
    public var userID: UserID
    public var deviceID: DeviceID
    /// The browser session that approved an SSO login, if it came from one.
    public var browserSessionID: BrowserSessionID?
    /// Whether tokens of this session act as a Synapse server admin.
    public var isSynapseAdmin: Bool
    public var createdAt: Date
    public var finishedAt: Date?
    public var humanName: String?
    public var activity: ActivityRecord

    /// Creates a compat session value.
    public init(
        id: CompatSessionID, userID: UserID, deviceID: DeviceID, browserSessionID: BrowserSessionID? = nil,
        isSynapseAdmin: Bool = false, createdAt: Date, finishedAt: Date? = nil, humanName: String? = nil,
        activity: ActivityRecord = .init()
    ) {
        self.id = id
        self.userID = userID
        self.deviceID = deviceID
        self.browserSessionID = browserSessionID
        self.isSynapseAdmin = isSynapseAdmin
        self.createdAt = createdAt
        self.finishedAt = finishedAt
        self.humanName = humanName
        self.activity = activity
    }

    /// True until the session is finished.
    public var isActive: Bool { finishedAt == nil }
}
