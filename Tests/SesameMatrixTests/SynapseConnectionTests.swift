import Foundation
import SesameMatrix
import SesameModel
import Testing

@Suite struct SynapseConnectionTests {
    let synapse = FakeSynapse()

    private func connection(_ url: URL) -> SynapseConnection {
        SynapseConnection(endpoint: url, serverName: "example.com", secret: "s3cret")
    }

    @Test func everyCallUsesSynapsesPathBodyAndSharedSecret() async throws {
        try await synapse.run { url async throws in
            let homeserver = connection(url)
            let device = DeviceID("ABCDEF")!
            try await homeserver.provisionUser(ProvisionUserRequest(localpart: "alice", subject: "01J", displayName: "Alice", emails: ["a@example.com"], locked: false))
            try await homeserver.upsertDevice(localpart: "alice", deviceID: device, displayName: "Element")
            try await homeserver.updateDeviceDisplayName(localpart: "alice", deviceID: device, displayName: "Phone")
            try await homeserver.deleteDevice(localpart: "alice", deviceID: device)
            try await homeserver.syncDevices(localpart: "alice", devices: [DeviceID("B")!, DeviceID("A")!])
            try await homeserver.deleteUser(localpart: "alice", erase: true)
            try await homeserver.reactivateUser(localpart: "alice")
            try await homeserver.setDisplayName(localpart: "alice", displayName: "Al")
            try await homeserver.unsetDisplayName(localpart: "alice")
            try await homeserver.allowCrossSigningReset(localpart: "alice")
        }
        let requests = synapse.requests
        #expect(requests.map(\.path) == [
            "/_synapse/mas/provision_user", "/_synapse/mas/upsert_device", "/_synapse/mas/update_device_display_name",
            "/_synapse/mas/delete_device", "/_synapse/mas/sync_devices", "/_synapse/mas/delete_user", "/_synapse/mas/reactivate_user",
            "/_synapse/mas/set_displayname", "/_synapse/mas/unset_displayname", "/_synapse/mas/allow_cross_signing_reset",
        ])
        #expect(requests.allSatisfy { $0.method == "POST" && $0.authorization == "Bearer s3cret" && $0.contentType == "application/json" })
        #expect(requests.map(\.body) == [
            #"{"localpart":"alice","locked":false,"set_displayname":"Alice","set_emails":["a@example.com"]}"#,
            #"{"device_id":"ABCDEF","display_name":"Element","localpart":"alice"}"#,
            #"{"device_id":"ABCDEF","display_name":"Phone","localpart":"alice"}"#,
            #"{"device_id":"ABCDEF","localpart":"alice"}"#,
            #"{"devices":["A","B"],"localpart":"alice"}"#,
            #"{"erase":true,"localpart":"alice"}"#,
            #"{"localpart":"alice"}"#,
            #"{"displayname":"Al","localpart":"alice"}"#,
            #"{"localpart":"alice"}"#,
            #"{"localpart":"alice"}"#,
        ])
    }

    @Test func provisioningLeavesUnsetFieldsOutAndAnEmptyNameUnsetsIt() async throws {
        try await synapse.run { url async throws in
            try await connection(url).provisionUser(ProvisionUserRequest(localpart: "bob", subject: "01K"))
            try await connection(url).provisionUser(ProvisionUserRequest(localpart: "bob", subject: "01K", displayName: ""))
        }
        #expect(synapse.requests.map(\.body) == [#"{"localpart":"bob"}"#, #"{"localpart":"bob","unset_displayname":true}"#])
    }

    @Test func queryUserReadsTheProfileAndTreats404AsUnknown() async throws {
        synapse.answer { request in
            request.query.contains("alice")
                ? (200, #"{"user_id":"@alice:example.com","display_name":"Alice","avatar_url":null,"is_suspended":false,"is_deactivated":true}"#)
                : (404, #"{"errcode":"M_NOT_FOUND","error":"User not found"}"#)
        }
        try await synapse.run { url async throws in
            #expect(try await connection(url).queryUser(localpart: "alice") == HomeserverUser(displayName: "Alice", isDeactivated: true))
            #expect(try await connection(url).queryUser(localpart: "nobody") == nil)
        }
        #expect(synapse.requests.map(\.method) == ["GET", "GET"])
        #expect(synapse.requests.map(\.query) == ["localpart=alice", "localpart=nobody"])
    }

    @Test func localpartAvailabilityFollowsCheckUsernameErrors() async throws {
        synapse.answer { request in
            switch request.query {
            case "localpart=free": (200, "{}")
            case "localpart=taken": (400, #"{"errcode":"M_USER_IN_USE","error":"User ID already taken."}"#)
            case "localpart=bridge": (400, #"{"errcode":"M_EXCLUSIVE","error":"This user ID is reserved by an application service."}"#)
            default: (400, #"{"errcode":"M_INVALID_USERNAME","error":"User ID can only contain …"}"#)
            }
        }
        try await synapse.run { url async throws in
            let homeserver = connection(url)
            #expect(try await homeserver.isLocalpartAvailable("free"))
            #expect(try await homeserver.isLocalpartAvailable("taken") == false)
            #expect(try await homeserver.isLocalpartAvailable("bridge") == false)
            #expect(try await homeserver.isLocalpartAvailable("Bad+Name") == false)
        }
        #expect(synapse.requests.last?.query == "localpart=Bad%2BName")
    }

    @Test func aRefusedSecretIsARejectionWithSynapsesErrcode() async throws {
        synapse.answer { _ in (403, #"{"errcode":"M_FORBIDDEN","error":"This endpoint must only be called by MAS"}"#) }
        try await synapse.run { url async throws in
            await #expect(throws: HomeserverError.rejected(status: 403, errcode: "M_FORBIDDEN", message: "This endpoint must only be called by MAS")) {
                try await connection(url).syncDevices(localpart: "alice", devices: [])
            }
        }
    }

    @Test func aNonJSONErrorStillCarriesTheStatus() async throws {
        synapse.answer { _ in (502, "<html>Bad Gateway</html>") }
        try await synapse.run { url async throws in
            await #expect(throws: HomeserverError.rejected(status: 502, errcode: nil, message: nil)) {
                try await connection(url).reactivateUser(localpart: "alice")
            }
        }
    }

    @Test func aSuccessWithAnUnreadableBodyIsAnUnexpectedResponse() async throws {
        synapse.answer { _ in (200, "not json") }
        try await synapse.run { url async throws in
            await #expect {
                try await connection(url).queryUser(localpart: "alice")
            } throws: { error in
                if case HomeserverError.unexpectedResponse = error { true } else { false }
            }
        }
    }

    @Test func aHomeserverThatIsDownIsUnreachable() async throws {
        // Port 9 (discard) on loopback: nothing listens there.
        // AsyncHTTPClient retries a refused connection until the deadline, so keep the deadline short.
        let homeserver = SynapseConnection(endpoint: URL(string: "http://127.0.0.1:9/")!, serverName: "example.com", secret: "s3cret", timeout: .seconds(1))
        await #expect {
            try await homeserver.provisionUser(ProvisionUserRequest(localpart: "alice", subject: "01J"))
        } throws: { error in
            if case HomeserverError.unreachable = error { true } else { false }
        }
    }
}
