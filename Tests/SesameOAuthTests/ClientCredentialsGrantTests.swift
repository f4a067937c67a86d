import Foundation
import SesameModel
import SesameOAuth
import SesameStorage
import Testing

@Suite("Token endpoint: client_credentials grant")
struct ClientCredentialsGrantTests {
    private typealias F = TokenFixtures

    private func form(scope: String? = nil) -> FormParameters {
        var pairs = ["grant_type": "client_credentials"]
        pairs["scope"] = scope
        return FormParameters(pairs)
    }

    @Test("a confidential client gets an access token acting as itself, without a refresh token", arguments: TestBackend.available)
    func confidentialClient(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client(authMethod: .clientSecretBasic, secret: F.secret, grantTypes: [.clientCredentials])
            let response = try await TokenEndpoint(services: h.services).handle(form: form(scope: "urn:mas:graphql:*"), credentials: F.secretCredentials(client)).get()
            #expect(response.refreshToken == nil)
            #expect(response.idToken == nil)
            #expect(response.scope == "urn:mas:graphql:*")
            let access = try #require(await AccessTokenValidator(services: h.services).validate(response.accessToken))
            #expect(access.user == nil)
            #expect(access.session.userID == nil)
            #expect(access.clientID == client.id)
        }
    }

    @Test("a public client cannot use client_credentials: unauthorized_client", arguments: TestBackend.available)
    func publicClient(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client(grantTypes: [.clientCredentials])
            let result = await TokenEndpoint(services: h.services).handle(form: form(), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .unauthorizedClient)
        }
    }

    @Test("an admin scope for a client not listed as an admin client is invalid_scope", arguments: TestBackend.available)
    func adminScopeRefused(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client(authMethod: .clientSecretBasic, secret: F.secret, grantTypes: [.clientCredentials])
            let result = await TokenEndpoint(services: h.services).handle(form: form(scope: "urn:mas:admin"), credentials: F.secretCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidScope)
        }
    }

    @Test("an admin client may get the admin scope", arguments: TestBackend.available)
    func adminScopeAllowed(backend: TestBackend) async throws {
        let clientID = ClientID(date: Date(timeIntervalSince1970: 1_800_000_000))
        try await OAuthHarness.with(backend, configure: { $0.adminClientIDs = [clientID] }) { h in
            let client = OAuthClient(
                id: clientID, grantTypes: [.clientCredentials], tokenEndpointAuthMethod: .clientSecretPost,
                encryptedClientSecret: try h.services.secretBox.seal(F.secret), createdAt: h.clock.now()
            )
            try await h.storage.transaction { try await $0.oauthClients.add(client) }
            let response = try await TokenEndpoint(services: h.services)
                .handle(form: form(scope: "urn:mas:admin"), credentials: .post(clientID: clientID.description, secret: F.secret)).get()
            #expect(response.scope == "urn:mas:admin")
        }
    }

    @Test("Matrix API access needs a user: invalid_scope for client credentials", arguments: TestBackend.available)
    func matrixScopeRefused(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client(authMethod: .clientSecretBasic, secret: F.secret, grantTypes: [.clientCredentials])
            let result = await TokenEndpoint(services: h.services).handle(form: form(scope: MatrixScope.api.rawValue), credentials: F.secretCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidScope)
        }
    }
}

@Suite("Access token lifetime")
struct AccessTokenLifetimeTests {
    private typealias F = TokenFixtures

    @Test("a configured access-token lifetime is the expires_in answered and when the token stops working", arguments: TestBackend.available)
    func configuredLifetime(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend, configure: { $0.accessTokenLifetime = 900 }) { h in
            let client = try await h.client(authMethod: .clientSecretBasic, secret: F.secret, grantTypes: [.clientCredentials])
            let response = try await TokenEndpoint(services: h.services)
                .handle(form: FormParameters(["grant_type": "client_credentials", "scope": "urn:mas:graphql:*"]), credentials: F.secretCredentials(client)).get()
            #expect(response.expiresIn == 900)
            h.clock.advance(by: 890)
            #expect(await AccessTokenValidator(services: h.services).validate(response.accessToken) != nil)
            h.clock.advance(by: 20)
            #expect(await AccessTokenValidator(services: h.services).validate(response.accessToken) == nil)
        }
    }
}
