import Foundation
import SesameMatrix
import SesameModel
import Testing

@Suite("Compat logout")
struct CompatLogoutTests {
    @Test("logout ends the session, the token stops working and the device leaves the homeserver")
    func logout() async throws {
        try await CompatHarness.with { harness in
            let user = try await harness.user()
            let response = try await harness.login(deviceID: "PHONE", refreshToken: true)
            try await harness.service.logout(accessToken: response.accessToken)
            #expect(try await !harness.isUsable(response.accessToken))
            #expect(try await harness.session(of: response.accessToken)?.isActive == false)
            #expect(await harness.homeserver.devices(of: "alice").isEmpty)
            // The refresh token died with the session.
            let refresh = await matrixError {
                _ = try await harness.service.refresh(json: CompatHarness.json(["refresh_token": response.refreshToken!]))
            }
            #expect(refresh?.errcode == "M_UNKNOWN_TOKEN")
            // A device sync is queued so a homeserver that missed the delete catches up.
            let jobs = try await harness.storage.read { try await $0.jobs.list(state: .scheduled, page: .init()) }
            #expect(try jobs.map { try HomeserverJob(payload: $0.payload) }.contains(.syncDevices(userID: user.id)))
        }
    }

    @Test("a token used after logout is M_UNKNOWN_TOKEN")
    func logoutTwice() async throws {
        try await CompatHarness.with { harness in
            try await harness.user()
            let response = try await harness.login()
            try await harness.service.logout(accessToken: response.accessToken)
            let error = await matrixError { try await harness.service.logout(accessToken: response.accessToken) }
            #expect(error?.errcode == "M_UNKNOWN_TOKEN")
            #expect(error?.status == 401)
        }
    }

    @Test("an unknown, forged or missing token is refused", arguments: [
        "mct_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_000000", "not-a-token", "mat_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_000000",
    ])
    func unknownToken(token: String) async throws {
        try await CompatHarness.with { harness in
            let error = await matrixError { try await harness.service.logout(accessToken: token) }
            #expect(error?.errcode == "M_UNKNOWN_TOKEN")
            let missing = await matrixError { try await harness.service.logout(accessToken: nil) }
            #expect(missing?.errcode == "M_MISSING_TOKEN")
            #expect(missing?.status == 401)
        }
    }

    @Test("logout/all ends every compat session of the user and no one else's")
    func logoutAll() async throws {
        try await CompatHarness.with { harness in
            try await harness.user("alice")
            try await harness.user("bob")
            let phone = try await harness.login("alice", deviceID: "PHONE")
            let laptop = try await harness.login("alice", deviceID: "LAPTOP")
            let bob = try await harness.login("bob", deviceID: "BOBPHONE")
            try await harness.service.logoutAll(accessToken: phone.accessToken)
            #expect(try await !harness.isUsable(phone.accessToken))
            #expect(try await !harness.isUsable(laptop.accessToken))
            #expect(try await harness.isUsable(bob.accessToken))
            #expect(await harness.homeserver.devices(of: "alice").isEmpty)
            #expect(await harness.homeserver.devices(of: "bob") == [DeviceID("BOBPHONE")!])
        }
    }

    @Test("logout succeeds even when the homeserver is down; the queued sync catches up later")
    func logoutWithHomeserverDown() async throws {
        try await CompatHarness.with { harness in
            try await harness.user()
            let response = try await harness.login(deviceID: "PHONE")
            await harness.homeserver.setDown(true)
            try await harness.service.logout(accessToken: response.accessToken)
            #expect(try await !harness.isUsable(response.accessToken))
        }
    }
}
