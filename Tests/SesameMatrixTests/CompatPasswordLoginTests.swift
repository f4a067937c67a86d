import Foundation
import SesameMatrix
import SesameModel
import Testing

@Suite("Compat password login")
struct CompatPasswordLoginTests {
    @Test("GET /login offers password, SSO (delegated OIDC) and token logins")
    func flows() async throws {
        try await CompatHarness.with { harness in
            #expect(harness.service.flows().flows == [
                LoginFlow(type: "m.login.password"),
                LoginFlow(type: "m.login.sso", delegatedOIDCCompatibility: true),
                LoginFlow(type: "m.login.token"),
            ])
        }
    }

    @Test("with password login disabled the flows leave it out and a password login is refused")
    func passwordLoginDisabled() async throws {
        try await CompatHarness.with(settings: CompatLoginSettings(passwordLoginEnabled: false)) { harness in
            try await harness.user()
            #expect(!harness.service.flows().flows.contains { $0.type == "m.login.password" })
            let error = await matrixError { _ = try await harness.login() }
            #expect(error == .passwordLoginDisabled)
            #expect(error?.errcode == "M_UNKNOWN")
            #expect(error?.message == "Password login has been disabled.")
            #expect(error?.status == 400)
        }
    }

    @Test("a user logs in by localpart and gets a non-expiring mct_ token for a new device")
    func loginByLocalpart() async throws {
        try await CompatHarness.with { harness in
            try await harness.user()
            let response = try await harness.login("alice")
            #expect(response.userID == "@alice:example.com")
            #expect(response.homeServer == "example.com")
            #expect(response.accessToken.hasPrefix("mct_"))
            #expect(response.refreshToken == nil)
            #expect(response.expiresInMs == nil)
            #expect(try await harness.storedAccessToken(response.accessToken)?.expiresAt == nil)
            #expect(try await harness.isUsable(response.accessToken))
        }
    }

    @Test("a user logs in by full Matrix user ID")
    func loginByMXID() async throws {
        try await CompatHarness.with { harness in
            try await harness.user()
            let response = try await harness.login("@alice:example.com")
            #expect(response.userID == "@alice:example.com")
        }
    }

    @Test("the deprecated top-level user field still works")
    func legacyUserField() async throws {
        try await CompatHarness.with { harness in
            try await harness.user()
            let body = CompatHarness.json(["type": "m.login.password", "user": "alice", "password": CompatHarness.password])
            let response = try await harness.service.login(json: body, ip: nil, userAgent: nil)
            #expect(response.userID == "@alice:example.com")
        }
    }

    @Test("the device exists on the homeserver, with its display name, by the time the answer comes")
    func deviceUpsertedBeforeAnswer() async throws {
        try await CompatHarness.with { harness in
            try await harness.user()
            let body = CompatHarness.passwordLogin(deviceID: "PHONE", displayName: "Alice's phone")
            let response = try await harness.service.login(json: body, ip: nil, userAgent: nil)
            #expect(response.deviceID == "PHONE")
            #expect(await harness.homeserver.user("alice")?.devices[DeviceID("PHONE")!] == .some("Alice's phone"))
            #expect(try await harness.session(of: response.accessToken)?.humanName == "Alice's phone")
        }
    }

    @Test("without device_id a random device is created")
    func randomDevice() async throws {
        try await CompatHarness.with { harness in
            try await harness.user()
            let first = try await harness.login()
            let second = try await harness.login()
            #expect(first.deviceID != second.deviceID)
            #expect(await harness.homeserver.devices(of: "alice") == [DeviceID(first.deviceID)!, DeviceID(second.deviceID)!])
        }
    }

    @Test("when the homeserver cannot create the device no token is issued")
    func homeserverDown() async throws {
        try await CompatHarness.with { harness in
            let user = try await harness.user()
            await harness.homeserver.setDown(true)
            let error = await matrixError { _ = try await harness.login() }
            #expect(error == .homeserverUnavailable)
            #expect(try await harness.storage.read { try await $0.compatSessions.list(for: user.id, activeOnly: false) }.isEmpty)
        }
    }

    @Test("a user the homeserver does not know yet is provisioned before the device")
    func provisionsUnknownUser() async throws {
        try await CompatHarness.with { harness in
            _ = try await harness.accounts.register(username: "bob", password: CompatHarness.password, email: nil, canRequestAdmin: false)
            let response = try await harness.login("bob", deviceID: "LAPTOP")
            #expect(await harness.homeserver.devices(of: "bob") == [DeviceID("LAPTOP")!])
            #expect(response.userID == "@bob:example.com")
        }
    }

    @Test("refresh_token: true returns an mcr_ token and a 5-minute access token")
    func refreshableLogin() async throws {
        try await CompatHarness.with { harness in
            try await harness.user()
            let response = try await harness.login(refreshToken: true)
            #expect(response.refreshToken?.hasPrefix("mcr_") == true)
            #expect(response.expiresInMs == 300_000)
            harness.clock.advance(by: 301)
            #expect(try await !harness.isUsable(response.accessToken))
        }
    }

    @Test("logging in again as the same device ends the session that held it")
    func deviceReuseEndsOldSession() async throws {
        try await CompatHarness.with { harness in
            try await harness.user()
            let first = try await harness.login(deviceID: "PHONE")
            let second = try await harness.login(deviceID: "PHONE")
            #expect(try await !harness.isUsable(first.accessToken))
            #expect(try await harness.isUsable(second.accessToken))
            #expect(await harness.homeserver.devices(of: "alice") == [DeviceID("PHONE")!])
        }
    }

    @Test("a wrong password and an unknown user get the same M_FORBIDDEN")
    func wrongPasswordAndUnknownUser() async throws {
        try await CompatHarness.with { harness in
            try await harness.user()
            let wrong = await matrixError {
                _ = try await harness.service.login(json: CompatHarness.passwordLogin(password: "nope"), ip: nil, userAgent: nil)
            }
            let unknown = await matrixError { _ = try await harness.login("mallory") }
            let otherServer = await matrixError { _ = try await harness.login("@alice:elsewhere.org") }
            #expect(wrong == .invalidCredentials)
            #expect(wrong?.errcode == "M_FORBIDDEN")
            #expect(wrong?.status == 403)
            #expect(unknown == wrong)
            #expect(otherServer == wrong)
        }
    }

    @Test("a locked user gets M_USER_LOCKED with 401")
    func lockedUser() async throws {
        try await CompatHarness.with { harness in
            try await harness.user()
            try await harness.accounts.setLocked(username: "alice", true)
            let error = await matrixError { _ = try await harness.login() }
            #expect(error?.errcode == "M_USER_LOCKED")
            #expect(error?.status == 401)
        }
    }

    @Test("a deactivated user gets M_USER_DEACTIVATED with 403")
    func deactivatedUser() async throws {
        try await CompatHarness.with { harness in
            let user = try await harness.user()
            let now = harness.clock.now()
            try await harness.storage.transaction { try await $0.users.setDeactivated(id: user.id, at: now) }
            let error = await matrixError { _ = try await harness.login() }
            #expect(error?.errcode == "M_USER_DEACTIVATED")
            #expect(error?.status == 403)
        }
    }

    @Test("a body that is not JSON is M_BAD_JSON", arguments: ["{not json", "[1, 2]"])
    func badJSON(body: String) async throws {
        try await CompatHarness.with { harness in
            let error = await matrixError { _ = try await harness.service.login(json: Data(body.utf8), ip: nil, userAgent: nil) }
            #expect(error?.errcode == "M_BAD_JSON")
            #expect(error?.status == 400)
        }
    }

    @Test("missing type, identifier or password is M_MISSING_PARAM")
    func missingParameters() async throws {
        try await CompatHarness.with { harness in
            let bodies: [[String: Any]] = [
                ["identifier": ["type": "m.id.user", "user": "alice"], "password": "x"],
                ["type": "m.login.password", "password": "x"],
                ["type": "m.login.password", "identifier": ["type": "m.id.user", "user": "alice"]],
                ["type": "m.login.token"],
            ]
            for body in bodies {
                let error = await matrixError { _ = try await harness.service.login(json: CompatHarness.json(body), ip: nil, userAgent: nil) }
                #expect(error?.errcode == "M_MISSING_PARAM", "\(body)")
                #expect(error?.status == 400)
            }
        }
    }

    @Test("a field of the wrong type or an unusable device ID is M_INVALID_PARAM")
    func invalidParameters() async throws {
        try await CompatHarness.with { harness in
            let bodies: [[String: Any]] = [
                ["type": "m.login.password", "identifier": ["type": "m.id.user", "user": "alice"], "password": 42],
                ["type": "m.login.password", "user": "alice", "password": "x", "device_id": "has space"],
                ["type": "m.login.password", "user": "alice", "password": "x", "refresh_token": "yes"],
            ]
            for body in bodies {
                let error = await matrixError { _ = try await harness.service.login(json: CompatHarness.json(body), ip: nil, userAgent: nil) }
                #expect(error?.errcode == "M_INVALID_PARAM", "\(body)")
                #expect(error?.status == 400)
            }
        }
    }

    @Test("an unsupported login or identifier type is M_UNKNOWN")
    func unsupportedTypes() async throws {
        try await CompatHarness.with { harness in
            let loginType = await matrixError {
                _ = try await harness.service.login(json: CompatHarness.json(["type": "m.login.dummy"]), ip: nil, userAgent: nil)
            }
            let identifier = await matrixError {
                let body = CompatHarness.json(["type": "m.login.password", "identifier": ["type": "m.id.phone", "phone": "1"], "password": "x"])
                _ = try await harness.service.login(json: body, ip: nil, userAgent: nil)
            }
            #expect(loginType?.errcode == "M_UNKNOWN")
            #expect(loginType?.status == 400)
            #expect(identifier?.errcode == "M_UNKNOWN")
        }
    }
}
