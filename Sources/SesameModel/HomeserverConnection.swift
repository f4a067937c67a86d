/// What Sesame needs from the Matrix homeserver it authenticates for (Synapse's `/_synapse/mas/*`
/// API). The protocol lives here, beside the plain types, so every layer that must keep the
/// homeserver in step (accounts, OAuth grants, pages, APIs) can take one without depending on the
/// HTTP implementation; `SesameMatrix` provides the real client and an in-memory fake.
public protocol HomeserverConnection: Sendable {
    /// The server name, e.g. `example.com`.
    var serverName: String { get }

    /// The user as the homeserver knows it; nil when it does not exist there.
    func queryUser(localpart: String) async throws -> HomeserverUser?
    /// Whether a new account may take `localpart` (not used by the homeserver or reserved).
    func isLocalpartAvailable(_ localpart: String) async throws -> Bool
    /// Creates or updates the user on the homeserver.
    func provisionUser(_ request: ProvisionUserRequest) async throws
    /// Creates the device if missing (a token naming it must not be used before this returns).
    func upsertDevice(localpart: String, deviceID: DeviceID, displayName: String?) async throws
    /// Renames a device.
    func updateDeviceDisplayName(localpart: String, deviceID: DeviceID, displayName: String) async throws
    /// Deletes one device (and with it the device's keys and to-device messages).
    func deleteDevice(localpart: String, deviceID: DeviceID) async throws
    /// Makes the homeserver's device list exactly `devices`, deleting the others.
    func syncDevices(localpart: String, devices: Set<DeviceID>) async throws
    /// Deactivates the user; `erase` also forgets their data (GDPR erasure).
    func deleteUser(localpart: String, erase: Bool) async throws
    /// Reactivates a deactivated user.
    func reactivateUser(localpart: String) async throws
    /// Sets the display name.
    func setDisplayName(localpart: String, displayName: String) async throws
    /// Removes the display name.
    func unsetDisplayName(localpart: String) async throws
    /// Lets the user replace their cross-signing keys without user-interactive auth for a while.
    func allowCrossSigningReset(localpart: String) async throws
}

extension HomeserverConnection {
    /// The full Matrix user ID for a localpart.
    public func mxid(_ localpart: String) -> String { "@\(localpart):\(serverName)" }
}

/// A user as the homeserver reports it.
public struct HomeserverUser: Sendable, Equatable {
    public var displayName: String?
    public var avatarURL: String?
    public var isDeactivated: Bool
    /// Suspended by a homeserver admin (MSC3823): may read but not send.
    public var isSuspended: Bool

    /// Creates the value.
    public init(displayName: String? = nil, avatarURL: String? = nil, isDeactivated: Bool = false, isSuspended: Bool = false) {
        self.displayName = displayName
        self.avatarURL = avatarURL
        self.isDeactivated = isDeactivated
        self.isSuspended = isSuspended
    }
}

/// What to tell the homeserver about a user when provisioning; nil fields are left unchanged.
public struct ProvisionUserRequest: Sendable, Equatable, Codable {
    public var localpart: String
    /// The user's stable ID in Sesame (the `sub` of their tokens).
    public var subject: String
    /// The display name to set; an empty string removes it.
    public var displayName: String?
    /// Confirmed email addresses (replacing the homeserver's 3PIDs).
    public var emails: [String]?
    public var locked: Bool?

    /// Creates the request.
    public init(localpart: String, subject: String, displayName: String? = nil, emails: [String]? = nil, locked: Bool? = nil) {
        self.localpart = localpart
        self.subject = subject
        self.displayName = displayName
        self.emails = emails
        self.locked = locked
    }
}
