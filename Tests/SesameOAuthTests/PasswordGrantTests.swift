import Foundation
import SesameModel
import SesameOAuth
import SesameStorage
import Testing

@Suite("Token endpoint: password grant")
struct PasswordGrantTests {
    private typealias F = TokenFixtures

    private func form(username: String = "alice", password: String = "correct horse battery", scope: String? = "openid urn:matrix:client:api:*") -> FormParameters {
        var pairs = ["grant_type": "password", "username": username, "password": password]
        pairs["scope"] = scope
        return FormParameters(pairs)
    }

    private func passwordClient(_ h: OAuthHarness) async throws -> OAuthClient {
        try await h.client(authMethod: .clientSecretBasic, secret: F.secret, grantTypes: [.password, .refreshToken])
    }

    @Test("a client registered for the password grant gets tokens and an ID token for the right password", arguments: TestBackend.available)
    func rightPassword(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let alice = try await h.user()
            let client = try await passwordClient(h)
            let response = try await TokenEndpoint(services: h.services, accounts: h.accounts).handle(form: form(), credentials: F.secretCredentials(client)).get()
            #expect(response.refreshToken != nil)
            #expect(response.scope == "openid urn:matrix:client:api:*")
            let claims = try await F.idTokenClaims(h, try #require(response.idToken))
            #expect(claims.sub.value == alice.id.description)
            #expect(claims.authTime != nil)
            #expect(await AccessTokenValidator(services: h.services).validate(response.accessToken)?.user?.id == alice.id)
        }
    }

    @Test("a full Matrix ID on this server is accepted as the username", arguments: TestBackend.available)
    func matrixID(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            _ = try await h.user()
            let client = try await passwordClient(h)
            let result = await TokenEndpoint(services: h.services, accounts: h.accounts).handle(form: form(username: "@alice:example.com"), credentials: F.secretCredentials(client))
            #expect(F.failure(of: result) == nil)
        }
    }

    @Test("a wrong password is invalid_grant without saying which part was wrong", arguments: TestBackend.available)
    func wrongPassword(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            _ = try await h.user()
            let client = try await passwordClient(h)
            let result = await TokenEndpoint(services: h.services, accounts: h.accounts).handle(form: form(password: "wrong"), credentials: F.secretCredentials(client))
            #expect(F.failure(of: result) == .invalidGrant("invalid username or password"))
        }
    }

    @Test("an unknown username gets the same answer as a wrong password", arguments: TestBackend.available)
    func unknownUser(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await passwordClient(h)
            let result = await TokenEndpoint(services: h.services, accounts: h.accounts).handle(form: form(username: "nobody"), credentials: F.secretCredentials(client))
            #expect(F.failure(of: result) == .invalidGrant("invalid username or password"))
        }
    }

    @Test("a locked account is invalid_grant saying it is locked", arguments: TestBackend.available)
    func lockedAccount(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            _ = try await h.user()
            try await h.accounts.setLocked(username: "alice", true)
            let client = try await passwordClient(h)
            let result = await TokenEndpoint(services: h.services, accounts: h.accounts).handle(form: form(), credentials: F.secretCredentials(client))
            #expect(F.failure(of: result) == .invalidGrant("the account alice is locked"))
        }
    }

    @Test("a deactivated account is invalid_grant saying it is deactivated", arguments: TestBackend.available)
    func deactivatedAccount(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let alice = try await h.user()
            try await h.storage.transaction { try await $0.users.setDeactivated(id: alice.id, at: h.clock.now()) }
            let client = try await passwordClient(h)
            let result = await TokenEndpoint(services: h.services, accounts: h.accounts).handle(form: form(), credentials: F.secretCredentials(client))
            #expect(F.failure(of: result) == .invalidGrant("the account alice has been deactivated"))
        }
    }

    @Test("a client not registered for the password grant is unauthorized_client", arguments: TestBackend.available)
    func clientNotRegistered(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            _ = try await h.user()
            let client = try await h.client(authMethod: .clientSecretBasic, secret: F.secret)
            let result = await TokenEndpoint(services: h.services, accounts: h.accounts).handle(form: form(), credentials: F.secretCredentials(client))
            #expect(F.failure(of: result)?.code == .unauthorizedClient)
        }
    }

    @Test("a server without an account service does not offer the password grant", arguments: TestBackend.available)
    func noAccountService(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            _ = try await h.user()
            let client = try await passwordClient(h)
            let result = await TokenEndpoint(services: h.services).handle(form: form(), credentials: F.secretCredentials(client))
            #expect(F.failure(of: result)?.code == .unsupportedGrantType)
        }
    }

    @Test("an admin scope for a user who may not have it is invalid_scope", arguments: TestBackend.available)
    func adminScopeRefused(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            _ = try await h.user()
            let client = try await passwordClient(h)
            let result = await TokenEndpoint(services: h.services, accounts: h.accounts)
                .handle(form: form(scope: "urn:matrix:client:api:* urn:synapse:admin:*"), credentials: F.secretCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidScope)
        }
    }

    @Test("a missing password is invalid_request", arguments: TestBackend.available)
    func missingPassword(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await passwordClient(h)
            let result = await TokenEndpoint(services: h.services, accounts: h.accounts)
                .handle(form: FormParameters(["grant_type": "password", "username": "alice"]), credentials: F.secretCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidRequest)
        }
    }
}
