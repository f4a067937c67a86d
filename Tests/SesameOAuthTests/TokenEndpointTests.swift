import Foundation
import SesameModel
import SesameOAuth
import Testing

@Suite("Token endpoint: dispatch and client authentication")
struct TokenEndpointTests {
    private typealias F = TokenFixtures

    @Test("a request without grant_type is invalid_request")
    func missingGrantType() async throws {
        try await OAuthHarness.with { h in
            let client = try await h.client()
            let result = await TokenEndpoint(services: h.services).handle(form: FormParameters(["code": "x"]), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result) == .invalidRequest("the grant_type parameter is missing"))
        }
    }

    @Test("an unknown grant_type is unsupported_grant_type")
    func unknownGrantType() async throws {
        try await OAuthHarness.with { h in
            let client = try await h.client()
            let result = await TokenEndpoint(services: h.services).handle(form: FormParameters(["grant_type": "implicit"]), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .unsupportedGrantType)
        }
    }

    @Test("a grant type the client is not registered for is unauthorized_client")
    func unregisteredGrantType() async throws {
        try await OAuthHarness.with { h in
            let client = try await h.client(grantTypes: [.authorizationCode])
            let result = await TokenEndpoint(services: h.services)
                .handle(form: FormParameters(["grant_type": "refresh_token", "refresh_token": "x"]), credentials: F.publicCredentials(client))
            #expect(F.failure(of: result)?.code == .unauthorizedClient)
        }
    }

    @Test("an unknown client is invalid_client")
    func unknownClient() async throws {
        try await OAuthHarness.with { h in
            let result = await TokenEndpoint(services: h.services)
                .handle(form: FormParameters(["grant_type": "client_credentials"]), credentials: .none(clientID: ClientID(date: h.clock.now()).description))
            #expect(F.failure(of: result)?.code == .invalidClient)
        }
    }

    @Test("a confidential client with the wrong secret is invalid_client")
    func wrongSecret() async throws {
        try await OAuthHarness.with { h in
            let client = try await h.client(authMethod: .clientSecretBasic, secret: F.secret, grantTypes: [.clientCredentials])
            let result = await TokenEndpoint(services: h.services)
                .handle(form: FormParameters(["grant_type": "client_credentials"]), credentials: .basic(clientID: client.id.description, secret: "guess"))
            #expect(F.failure(of: result)?.code == .invalidClient)
        }
    }

    @Test("a parameter sent twice is invalid_request")
    func repeatedParameter() async throws {
        try await OAuthHarness.with { h in
            let client = try await h.client(authMethod: .clientSecretBasic, secret: F.secret, grantTypes: [.clientCredentials])
            let result = await TokenEndpoint(services: h.services)
                .handle(form: FormParameters(encoded: "grant_type=client_credentials&scope=a&scope=b"), credentials: F.secretCredentials(client))
            #expect(F.failure(of: result)?.code == .invalidRequest)
        }
    }
}
