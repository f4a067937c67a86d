import SesameModel

/// A homeserver that answers every call and remembers the calls, so a test can see what Sesame
/// asked of it; `failing` makes every call throw, as an unreachable homeserver would.
actor RecordingHomeserver: HomeserverConnection {
    struct Unreachable: Error {}

    nonisolated let serverName = "example.com"
    private let failing: Bool
    /// The calls received, one line each (`allowCrossSigningReset alice`).
    private(set) var calls: [String] = []

    init(failing: Bool = false) { self.failing = failing }

    private func record(_ call: String) throws {
        calls.append(call)
        if failing { throw Unreachable() }
    }

    func queryUser(localpart: String) async throws -> HomeserverUser? { try record("queryUser \(localpart)"); return nil }
    func isLocalpartAvailable(_ localpart: String) async throws -> Bool { try record("isLocalpartAvailable \(localpart)"); return true }
    func provisionUser(_ request: ProvisionUserRequest) async throws { try record("provisionUser") }
    func upsertDevice(localpart: String, deviceID: DeviceID, displayName: String?) async throws { try record("upsertDevice \(localpart) \(deviceID.rawValue)") }
    func updateDeviceDisplayName(localpart: String, deviceID: DeviceID, displayName: String) async throws {
        try record("updateDeviceDisplayName \(localpart) \(deviceID.rawValue) \(displayName)")
    }
    func deleteDevice(localpart: String, deviceID: DeviceID) async throws { try record("deleteDevice \(localpart) \(deviceID.rawValue)") }
    func syncDevices(localpart: String, devices: Set<DeviceID>) async throws { try record("syncDevices \(localpart)") }
    func deleteUser(localpart: String, erase: Bool) async throws { try record("deleteUser \(localpart) \(erase)") }
    func reactivateUser(localpart: String) async throws { try record("reactivateUser \(localpart)") }
    func setDisplayName(localpart: String, displayName: String) async throws { try record("setDisplayName \(localpart) \(displayName)") }
    func unsetDisplayName(localpart: String) async throws { try record("unsetDisplayName \(localpart)") }
    func allowCrossSigningReset(localpart: String) async throws { try record("allowCrossSigningReset \(localpart)") }
}
