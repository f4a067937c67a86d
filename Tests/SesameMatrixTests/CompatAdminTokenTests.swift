import Foundation
import SesameMatrix
import SesameModel
import Testing

@Suite("Compat tokens issued by the CLI")
struct CompatAdminTokenTests {
    @Test("an admin token is flagged Synapse admin, never expires, and its device exists")
    func adminToken() async throws {
        try await CompatHarness.with { harness in
            try await harness.user()
            let issued = try await harness.service.issueCompatibilityToken(username: "alice", deviceID: "ADMINCLI", synapseAdmin: true)
            #expect(issued.accessToken.hasPrefix("mct_"))
            #expect(issued.userID == "@alice:example.com")
            #expect(issued.deviceID == "ADMINCLI")
            let session = try await harness.session(of: issued.accessToken)
            #expect(session?.isSynapseAdmin == true)
            #expect(try await harness.storedAccessToken(issued.accessToken)?.expiresAt == nil)
            #expect(await harness.homeserver.devices(of: "alice") == [DeviceID("ADMINCLI")!])
        }
    }

    @Test("without the flag the token is an ordinary user's, on a random device")
    func ordinaryToken() async throws {
        try await CompatHarness.with { harness in
            try await harness.user()
            let issued = try await harness.service.issueCompatibilityToken(username: "alice", deviceID: nil, synapseAdmin: false)
            #expect(try await harness.session(of: issued.accessToken)?.isSynapseAdmin == false)
            #expect(DeviceID(issued.deviceID) != nil)
        }
    }

    @Test("an unknown user or a bad device ID is refused")
    func refusals() async throws {
        try await CompatHarness.with { harness in
            try await harness.user()
            await #expect(throws: (any Error).self) {
                _ = try await harness.service.issueCompatibilityToken(username: "nobody", deviceID: nil, synapseAdmin: true)
            }
            await #expect(throws: CompatTokenIssueError.invalidDeviceID("bad device")) {
                _ = try await harness.service.issueCompatibilityToken(username: "alice", deviceID: "bad device", synapseAdmin: true)
            }
        }
    }
}
