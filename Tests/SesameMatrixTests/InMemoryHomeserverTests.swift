import SesameMatrix
import SesameModel
import Testing

@Suite struct InMemoryHomeserverTests {
    @Test func provisionedUserGetsDevicesAndSyncRemovesTheRest() async throws {
        let homeserver = InMemoryHomeserver(serverName: "example.com")
        try await homeserver.provisionUser(ProvisionUserRequest(localpart: "alice", subject: "01J", displayName: "Alice"))
        try await homeserver.upsertDevice(localpart: "alice", deviceID: DeviceID("AAA")!, displayName: "phone")
        try await homeserver.upsertDevice(localpart: "alice", deviceID: DeviceID("BBB")!, displayName: nil)
        try await homeserver.syncDevices(localpart: "alice", devices: [DeviceID("BBB")!])

        #expect(await homeserver.devices(of: "alice") == [DeviceID("BBB")!])
        #expect(try await homeserver.queryUser(localpart: "alice") == HomeserverUser(displayName: "Alice"))
        #expect(try await homeserver.isLocalpartAvailable("alice") == false)
        #expect(await homeserver.calls.count == 6)
    }

    @Test func downtimeFailsEveryCallButLogsIt() async throws {
        let homeserver = InMemoryHomeserver()
        await homeserver.setDown(true)
        await #expect(throws: HomeserverError.unreachable("simulated downtime")) {
            try await homeserver.provisionUser(ProvisionUserRequest(localpart: "bob", subject: "01K"))
        }
        #expect(await homeserver.user("bob") == nil)
        #expect(await homeserver.calls == [.provisionUser(ProvisionUserRequest(localpart: "bob", subject: "01K"))])

        await homeserver.setDown(false)
        try await homeserver.provisionUser(ProvisionUserRequest(localpart: "bob", subject: "01K"))
        #expect(await homeserver.user("bob") != nil)
    }

    @Test func deactivationRemovesDevicesAndReactivationRestoresTheUser() async throws {
        let homeserver = InMemoryHomeserver()
        try await homeserver.provisionUser(ProvisionUserRequest(localpart: "carol", subject: "01L", displayName: "Carol"))
        try await homeserver.upsertDevice(localpart: "carol", deviceID: DeviceID("CCC")!, displayName: nil)
        try await homeserver.deleteUser(localpart: "carol", erase: true)
        #expect(await homeserver.user("carol")?.isDeactivated == true)
        #expect(await homeserver.user("carol")?.isErased == true)
        #expect(await homeserver.devices(of: "carol").isEmpty)
        try await homeserver.reactivateUser(localpart: "carol")
        #expect(await homeserver.user("carol")?.isDeactivated == false)
    }
}
