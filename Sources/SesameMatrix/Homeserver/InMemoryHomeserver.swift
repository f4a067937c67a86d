import SesameModel

/// A homeserver held in memory, for unit tests: it records users, devices, display names and
/// deactivation, logs every call, and can be told to fail every call to simulate downtime.
public actor InMemoryHomeserver: HomeserverConnection {
    /// One user as this fake homeserver knows it.
    public struct StoredUser: Sendable, Equatable {
        public var subject: String
        public var displayName: String?
        public var avatarURL: String?
        public var emails: [String]
        public var locked: Bool
        public var isDeactivated: Bool
        public var isErased: Bool
        public var devices: [DeviceID: String?]
        /// Set by `allowCrossSigningReset`.
        public var crossSigningResetAllowed: Bool

        /// Creates a stored user.
        public init(
            subject: String, displayName: String? = nil, avatarURL: String? = nil, emails: [String] = [], locked: Bool = false,
            isDeactivated: Bool = false, isErased: Bool = false, devices: [DeviceID: String?] = [:], crossSigningResetAllowed: Bool = false
        ) {
            self.subject = subject
            self.displayName = displayName
            self.avatarURL = avatarURL
            self.emails = emails
            self.locked = locked
            self.isDeactivated = isDeactivated
            self.isErased = isErased
            self.devices = devices
            self.crossSigningResetAllowed = crossSigningResetAllowed
        }
    }

    /// One call made to the fake, in order.
    public enum Call: Sendable, Equatable {
        case queryUser(localpart: String)
        case isLocalpartAvailable(localpart: String)
        case provisionUser(ProvisionUserRequest)
        case upsertDevice(localpart: String, deviceID: DeviceID, displayName: String?)
        case updateDeviceDisplayName(localpart: String, deviceID: DeviceID, displayName: String)
        case deleteDevice(localpart: String, deviceID: DeviceID)
        case syncDevices(localpart: String, devices: Set<DeviceID>)
        case deleteUser(localpart: String, erase: Bool)
        case reactivateUser(localpart: String)
        case setDisplayName(localpart: String, displayName: String)
        case unsetDisplayName(localpart: String)
        case allowCrossSigningReset(localpart: String)
    }

    public nonisolated let serverName: String

    /// Users by localpart.
    public private(set) var users: [String: StoredUser] = [:]
    /// Localparts taken without being users (like Synapse's reserved names or appservice namespaces).
    public private(set) var reservedLocalparts: Set<String> = []
    /// Every call, in order, including failed ones.
    public private(set) var calls: [Call] = []
    /// While set, every call throws this error (after being logged).
    public private(set) var failure: HomeserverError?

    /// Creates an empty homeserver named `serverName`.
    public init(serverName: String = "example.com") {
        self.serverName = serverName
    }

    /// Makes every following call throw `error` (nil heals the homeserver).
    public func setFailure(_ error: HomeserverError?) {
        failure = error
    }

    /// Makes every following call fail as if the homeserver were down (`false` brings it back).
    public func setDown(_ down: Bool) {
        failure = down ? .unreachable("simulated downtime") : nil
    }

    /// Marks a localpart as unavailable without creating a user.
    public func reserve(_ localpart: String) {
        reservedLocalparts.insert(localpart)
    }

    /// Adds or replaces a user directly, bypassing the call log.
    public func seed(localpart: String, user: StoredUser) {
        users[localpart] = user
    }

    /// The user stored for `localpart`.
    public func user(_ localpart: String) -> StoredUser? {
        users[localpart]
    }

    /// The device IDs the user has, empty when the user is unknown.
    public func devices(of localpart: String) -> Set<DeviceID> {
        Set(users[localpart].map { Array($0.devices.keys) } ?? [])
    }

    /// Forgets the call log.
    public func clearCalls() {
        calls.removeAll()
    }

    private func record(_ call: Call) throws {
        calls.append(call)
        if let failure { throw failure }
    }

    private func requireUser(_ localpart: String) throws -> StoredUser {
        guard let user = users[localpart] else {
            throw HomeserverError.rejected(status: 404, errcode: "M_NOT_FOUND", message: "User not found")
        }
        return user
    }

    public func queryUser(localpart: String) async throws -> HomeserverUser? {
        try record(.queryUser(localpart: localpart))
        guard let user = users[localpart] else { return nil }
        return HomeserverUser(displayName: user.displayName, avatarURL: user.avatarURL, isDeactivated: user.isDeactivated)
    }

    public func isLocalpartAvailable(_ localpart: String) async throws -> Bool {
        try record(.isLocalpartAvailable(localpart: localpart))
        return users[localpart] == nil && !reservedLocalparts.contains(localpart)
    }

    public func provisionUser(_ request: ProvisionUserRequest) async throws {
        try record(.provisionUser(request))
        var user = users[request.localpart] ?? StoredUser(subject: request.subject)
        user.subject = request.subject
        if let name = request.displayName { user.displayName = name.isEmpty ? nil : name }
        if let emails = request.emails { user.emails = emails }
        if let locked = request.locked { user.locked = locked }
        users[request.localpart] = user
    }

    public func upsertDevice(localpart: String, deviceID: DeviceID, displayName: String?) async throws {
        try record(.upsertDevice(localpart: localpart, deviceID: deviceID, displayName: displayName))
        var user = try requireUser(localpart)
        if let displayName {
            user.devices[deviceID] = .some(displayName)
        } else if user.devices[deviceID] == nil {
            user.devices[deviceID] = .some(nil)
        }
        users[localpart] = user
    }

    public func updateDeviceDisplayName(localpart: String, deviceID: DeviceID, displayName: String) async throws {
        try record(.updateDeviceDisplayName(localpart: localpart, deviceID: deviceID, displayName: displayName))
        var user = try requireUser(localpart)
        guard user.devices[deviceID] != nil else {
            throw HomeserverError.rejected(status: 404, errcode: "M_NOT_FOUND", message: "Device not found")
        }
        user.devices[deviceID] = .some(displayName)
        users[localpart] = user
    }

    public func deleteDevice(localpart: String, deviceID: DeviceID) async throws {
        try record(.deleteDevice(localpart: localpart, deviceID: deviceID))
        var user = try requireUser(localpart)
        user.devices[deviceID] = nil
        users[localpart] = user
    }

    public func syncDevices(localpart: String, devices: Set<DeviceID>) async throws {
        try record(.syncDevices(localpart: localpart, devices: devices))
        var user = try requireUser(localpart)
        for device in user.devices.keys where !devices.contains(device) { user.devices[device] = nil }
        for device in devices where user.devices[device] == nil { user.devices[device] = .some(nil) }
        users[localpart] = user
    }

    public func deleteUser(localpart: String, erase: Bool) async throws {
        try record(.deleteUser(localpart: localpart, erase: erase))
        var user = try requireUser(localpart)
        user.isDeactivated = true
        user.isErased = user.isErased || erase
        user.devices = [:]
        if erase { user.displayName = nil }
        users[localpart] = user
    }

    public func reactivateUser(localpart: String) async throws {
        try record(.reactivateUser(localpart: localpart))
        var user = try requireUser(localpart)
        user.isDeactivated = false
        user.isErased = false
        users[localpart] = user
    }

    public func setDisplayName(localpart: String, displayName: String) async throws {
        try record(.setDisplayName(localpart: localpart, displayName: displayName))
        var user = try requireUser(localpart)
        user.displayName = displayName
        users[localpart] = user
    }

    public func unsetDisplayName(localpart: String) async throws {
        try record(.unsetDisplayName(localpart: localpart))
        var user = try requireUser(localpart)
        user.displayName = nil
        users[localpart] = user
    }

    public func allowCrossSigningReset(localpart: String) async throws {
        try record(.allowCrossSigningReset(localpart: localpart))
        var user = try requireUser(localpart)
        user.crossSigningResetAllowed = true
        users[localpart] = user
    }
}
