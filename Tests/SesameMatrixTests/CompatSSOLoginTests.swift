import Foundation
import SesameMatrix
import SesameModel
import Testing

@Suite("Compat SSO login")
struct CompatSSOLoginTests {
    /// Starts an SSO login, approves it as `user`, and answers the login token from the redirect.
    private func approvedLoginToken(_ harness: CompatHarness, user: User) async throws -> String {
        let id = try await harness.service.startSSOLogin(redirectURL: "https://client.example.org/done?state=1")
        let browser = try await harness.browserSession(for: user)
        let redirect = try #require(try await harness.service.approveSSOLogin(id: id, browserSessionID: browser.id))
        let components = try #require(URLComponents(url: redirect, resolvingAgainstBaseURL: false))
        #expect(components.host == "client.example.org")
        #expect(components.queryItems?.first { $0.name == "state" }?.value == "1")
        return try #require(components.queryItems?.first { $0.name == "loginToken" }?.value)
    }

    private func tokenLogin(_ token: String, device: String? = nil) -> Data {
        var body: [String: Any] = ["type": "m.login.token", "token": token]
        if let device { body["device_id"] = device }
        return CompatHarness.json(body)
    }

    @Test("an approved SSO login's token logs the approving user in once")
    func exchange() async throws {
        try await CompatHarness.with { harness in
            let user = try await harness.user()
            let token = try await approvedLoginToken(harness, user: user)
            let response = try await harness.service.login(json: tokenLogin(token, device: "SSODEVICE"), ip: nil, userAgent: nil)
            #expect(response.userID == "@alice:example.com")
            #expect(await harness.homeserver.devices(of: "alice") == [DeviceID("SSODEVICE")!])
            #expect(try await harness.session(of: response.accessToken)?.browserSessionID != nil)
            let replay = await matrixError { _ = try await harness.service.login(json: tokenLogin(token), ip: nil, userAgent: nil) }
            #expect(replay?.errcode == "M_FORBIDDEN")
        }
    }

    @Test("a login token older than 30 seconds is refused")
    func expired() async throws {
        try await CompatHarness.with { harness in
            let user = try await harness.user()
            let token = try await approvedLoginToken(harness, user: user)
            harness.clock.advance(by: 31)
            let error = await matrixError { _ = try await harness.service.login(json: tokenLogin(token), ip: nil, userAgent: nil) }
            #expect(error?.errcode == "M_FORBIDDEN")
        }
    }

    @Test("an unknown login token is refused; a login can be approved only once")
    func unknownAndApprovedTwice() async throws {
        try await CompatHarness.with { harness in
            let user = try await harness.user()
            let error = await matrixError { _ = try await harness.service.login(json: tokenLogin("nope"), ip: nil, userAgent: nil) }
            #expect(error?.errcode == "M_FORBIDDEN")
            let id = try await harness.service.startSSOLogin(redirectURL: "https://client.example.org/")
            let browser = try await harness.browserSession(for: user)
            #expect(try await harness.service.approveSSOLogin(id: id, browserSessionID: browser.id) != nil)
            #expect(try await harness.service.approveSSOLogin(id: id, browserSessionID: browser.id) == nil)
        }
    }

    @Test("the redirect URL is required and must be absolute")
    func redirectURLChecks() async throws {
        try await CompatHarness.with { harness in
            let missing = await matrixError { _ = try await harness.service.startSSOLogin(redirectURL: nil) }
            let relative = await matrixError { _ = try await harness.service.startSSOLogin(redirectURL: "/relative") }
            #expect(missing?.errcode == "M_MISSING_PARAM")
            #expect(relative?.errcode == "M_INVALID_PARAM")
        }
    }
}
