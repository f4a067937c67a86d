import Foundation
import SesameModel
import SesameOAuth
import Testing

@Suite("Token endpoint: dispatch and client authentication")
struct TokenEndpointTests {
    private typealias F = TokenFixtures

    @Test("a request without grant_type is invalid_request", arguments: TestBackend.available)
    func missingGrantType(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let result = await TokenEndpoint(services: h.services).handle(form: FormParameters(["code": "x"]), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result) == .invalidRequest("the grant_type parameter is missing"))
        }
    }

    @Test("an unknown grant_type is unsupported_grant_type", arguments: TestBackend.available)
    func unknownGrantType(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client()
            let result = await TokenEndpoint(services: h.services).handle(form: FormParameters(["grant_type": "implicit"]), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .unsupportedGrantType)
        }
    }

    @Test("a grant type the client is not registered for is unauthorized_client", arguments: TestBackend.available)
    func unregisteredGrantType(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client(grantTypes: [.authorizationCode])
            let result = await TokenEndpoint(services: h.services)
                .handle(form: FormParameters(["grant_type": "refresh_token", "refresh_token": "x"]), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .unauthorizedClient)
        }
    }

    @Test("an unknown client is invalid_client", arguments: TestBackend.available)
    func unknownClient(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let result = await TokenEndpoint(services: h.services)
                .handle(form: FormParameters(["grant_type": "client_credentials"]), credentials: .none(clientID: ClientID(date: h.clock.now()).description))
            #expect(F.failure(of: result)?.code == .invalidClient)
        }
    }

    @Test("a confidential client with the wrong secret is invalid_client", arguments: TestBackend.available)
    func wrongSecret(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client(authMethod: .clientSecretBasic, secret: F.secret, grantTypes: [.clientCredentials])
            let result = await TokenEndpoint(services: h.services)
                .handle(form: FormParameters(["grant_type": "client_credentials"]), credentials: .basic(clientID: client.id.description, secret: "guess"))
            #expect(F.failure(of: result)?.code == .invalidClient)
        }
    }

    @Test("a parameter sent twice is invalid_request", arguments: TestBackend.available)
    func repeatedParameter(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            let client = try await h.client(authMethod: .clientSecretBasic, secret: F.secret, grantTypes: [.clientCredentials])
            let result = await TokenEndpoint(services: h.services)
                .handle(form: FormParameters(encoded: "grant_type=client_credentials&scope=a&scope=b"), credentials: F.secretCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidRequest)
        }
    }
}
