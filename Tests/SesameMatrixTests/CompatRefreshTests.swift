import Foundation
import SesameMatrix
import SesameModel
import Testing

@Suite("Compat refresh")
struct CompatRefreshTests {
    @Test("a refresh token is exchanged for a new pair and the old access token stops working")
    func rotation() async throws {
        try await CompatHarness.with { harness in
            try await harness.user()
            let login = try await harness.login(refreshToken: true)
            let refreshed = try await harness.service.refresh(json: CompatHarness.json(["refresh_token": login.refreshToken!]))
            #expect(refreshed.accessToken.hasPrefix("mct_"))
            #expect(refreshed.refreshToken.hasPrefix("mcr_"))
            #expect(refreshed.refreshToken != login.refreshToken)
            #expect(refreshed.expiresInMs == 300_000)
            #expect(try await harness.isUsable(refreshed.accessToken))
            #expect(try await !harness.isUsable(login.accessToken))
            #expect(try await harness.session(of: refreshed.accessToken)?.deviceID.rawValue == login.deviceID)
            // The new refresh token works in turn.
            _ = try await harness.service.refresh(json: CompatHarness.json(["refresh_token": refreshed.refreshToken]))
        }
    }

    @Test("a refresh token used twice is M_UNKNOWN_TOKEN the second time")
    func replay() async throws {
        try await CompatHarness.with { harness in
            try await harness.user()
            let login = try await harness.login(refreshToken: true)
            let body = CompatHarness.json(["refresh_token": login.refreshToken!])
            _ = try await harness.service.refresh(json: body)
            let error = await matrixError { _ = try await harness.service.refresh(json: body) }
            #expect(error?.errcode == "M_UNKNOWN_TOKEN")
            #expect(error?.status == 401)
        }
    }

    @Test("an unknown refresh token is M_UNKNOWN_TOKEN, a missing one M_MISSING_PARAM")
    func unknownAndMissing() async throws {
        try await CompatHarness.with { harness in
            let unknown = await matrixError {
                _ = try await harness.service.refresh(json: CompatHarness.json(["refresh_token": "mcr_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_000000"]))
            }
            let missing = await matrixError { _ = try await harness.service.refresh(json: Data("{}".utf8)) }
            #expect(unknown?.errcode == "M_UNKNOWN_TOKEN")
            #expect(missing?.errcode == "M_MISSING_PARAM")
        }
    }

    @Test("a locked user's refresh token stops working")
    func lockedUser() async throws {
        try await CompatHarness.with { harness in
            try await harness.user()
            let login = try await harness.login(refreshToken: true)
            try await harness.accounts.setLocked(username: "alice", true)
            let error = await matrixError {
                _ = try await harness.service.refresh(json: CompatHarness.json(["refresh_token": login.refreshToken!]))
            }
            #expect(error?.errcode == "M_UNKNOWN_TOKEN")
        }
    }
}
