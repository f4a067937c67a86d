import Foundation
import SesameCrypto
import SesameModel
import SesameOAuth
import SesameStorage
import Testing

@Suite("Device authorization endpoint")
struct DeviceAuthorizationTests {
    private typealias F = TokenFixtures

    @Test("a device gets a device code, an XXXX-XXXX user code, the link page and the polling interval", arguments: TestBackend.available)
    func response(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client(grantTypes: [.deviceCode])
            let response = try await DeviceAuthorizationEndpoint(services: h.services)
                .handle(form: FormParameters(["scope": "openid urn:matrix:client:api:*"]), credentials: F.publicCredentials(client)).get()
            #expect(response.deviceCode.count >= 32)
            #expect(response.userCode.count == 9)
            #expect(response.userCode.split(separator: "-").map(\.count) == [4, 4])
            #expect(response.userCode.filter { $0 != "-" }.allSatisfy("BCDFGHJKLMNPQRSTVWXZ".contains))
            #expect(response.verificationURI == "https://auth.example.com/link")
            #expect(response.verificationURIComplete == "https://auth.example.com/link?code=\(response.userCode)")
            #expect(response.expiresIn == 600)
            #expect(response.interval == 5)
        }
    }

    @Test("the grant is stored pending, with the normalised user code and only a hash of the device code", arguments: TestBackend.available)
    func storedGrant(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client(grantTypes: [.deviceCode])
            let response = try await DeviceAuthorizationEndpoint(services: h.services)
                .handle(form: FormParameters(["scope": "urn:matrix:client:api:*"]), credentials: F.publicCredentials(client)).get()
            let typed = try #require(DeviceUserCode(typed: response.userCode.lowercased()))
            let byUserCode = try #require(try await h.storage.read { try await $0.deviceCodeGrants.find(userCode: typed.normalized) })
            let byHash = try await h.storage.read { try await $0.deviceCodeGrants.find(deviceCodeHash: TokenHash(of: response.deviceCode).hex) }
            #expect(byUserCode.userCode == response.userCode.replacingOccurrences(of: "-", with: ""))
            #expect(byUserCode.status == .pending)
            #expect(byUserCode.scope == [MatrixScope.api])
            #expect(byUserCode.clientID == client.id)
            #expect(byHash?.id == byUserCode.id)
        }
    }

    @Test("a client not registered for the device code grant is unauthorized_client", arguments: TestBackend.available)
    func notRegistered(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let result = await DeviceAuthorizationEndpoint(services: h.services).handle(form: FormParameters([:]), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .unauthorizedClient)
        }
    }

    @Test("an unsupported scope is invalid_scope", arguments: TestBackend.available)
    func unsupportedScope(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client(grantTypes: [.deviceCode])
            let result = await DeviceAuthorizationEndpoint(services: h.services)
                .handle(form: FormParameters(["scope": "launch-missiles"]), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidScope)
        }
    }

    @Test("a typed user code is read case-insensitively, with or without the dash")
    func typedUserCode() {
        #expect(DeviceUserCode(typed: "bcdf-ghjk")?.normalized == "BCDFGHJK")
        #expect(DeviceUserCode(typed: "BCDFGHJK")?.description == "BCDF-GHJK")
        #expect(DeviceUserCode(typed: "BCDF GHJK")?.normalized == "BCDFGHJK")
        #expect(DeviceUserCode(typed: "ABCD-EFGH") == nil)
        #expect(DeviceUserCode(typed: "BCDF-GHJ") == nil)
    }
}
