/// A homeserver connection that does nothing, for deployments and tests without a homeserver:
/// every call succeeds, no user exists, and every localpart is available.
public struct NoHomeserver: HomeserverConnection {
    public let serverName: String

    /// Creates the connection for `serverName`.
    public init(serverName: String = "localhost") {
        self.serverName = serverName
    }

    public func queryUser(localpart: String) async throws -> HomeserverUser? { nil }
    public func isLocalpartAvailable(_ localpart: String) async throws -> Bool { true }
    public func provisionUser(_ request: ProvisionUserRequest) async throws {}
    public func upsertDevice(localpart: String, deviceID: DeviceID, displayName: String?) async throws {}
    public func updateDeviceDisplayName(localpart: String, deviceID: DeviceID, displayName: String) async throws {}
    public func deleteDevice(localpart: String, deviceID: DeviceID) async throws {}
    public func syncDevices(localpart: String, devices: Set<DeviceID>) async throws {}
    public func deleteUser(localpart: String, erase: Bool) async throws {}
    public func reactivateUser(localpart: String) async throws {}
    public func setDisplayName(localpart: String, displayName: String) async throws {}
    public func unsetDisplayName(localpart: String) async throws {}
    public func allowCrossSigningReset(localpart: String) async throws {}
}
