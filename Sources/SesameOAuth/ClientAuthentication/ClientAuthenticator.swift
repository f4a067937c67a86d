import Foundation
import SesameCrypto
import SesameModel
import SesameStorage

/// Authenticates a client with the method it registered (RFC 6749 §2.3, RFC 7591
/// `token_endpoint_auth_method`, RFC 7523 for the JWT methods). Every failure is `invalid_client`
/// without saying which part was wrong, so the answer does not help guess secrets.
public struct ClientAuthenticator: Sendable {
    let services: OAuthServices

    /// Creates an authenticator.
    public init(services: OAuthServices) { self.services = services }

    /// The authenticated client. `audience` is the URL of the endpoint being called, which a JWT
    /// assertion must name (RFC 7523 §3).
    public func authenticate(_ credentials: ClientCredentials, audience: String) async throws(OAuthError) -> OAuthClient {
        let clientID: String
        switch credentials {
        case .assertion(let formID, let jwt):
            if let formID {
                clientID = formID
            } else {
                clientID = try ClientAssertion.unverifiedSubject(jwt)
            }
        default:
            clientID = credentials.claimedClientID ?? ""
        }
        let client = try await lookUp(clientID)
        switch (client.tokenEndpointAuthMethod, credentials) {
        case (.none, .none):
            return client
        case (.clientSecretBasic, .basic(_, let secret)), (.clientSecretPost, .post(_, let secret)):
            guard let expected = try openSecret(of: client), constantTimeEquals(expected, secret) else {
                throw .invalidClient("client authentication failed")
            }
            return client
        case (.clientSecretJWT, .assertion(_, let jwt)):
            guard let secret = try openSecret(of: client) else { throw .invalidClient("client authentication failed") }
            try await ClientAssertion(services: services).verifyHMAC(jwt, secret: secret, clientID: client.id.description, audience: audience)
            return client
        case (.privateKeyJWT, .assertion(_, let jwt)):
            try await ClientAssertion(services: services).verifySigned(jwt, client: client, audience: audience)
            return client
        default:
            throw .invalidClient("the client must authenticate with \(client.tokenEndpointAuthMethod.rawValue)")
        }
    }

    private func lookUp(_ text: String) async throws(OAuthError) -> OAuthClient {
        guard let id = ClientID(text) else { throw .invalidClient("unknown client") }
        let found: OAuthClient?
        do {
            found = try await services.storage.read { try await $0.oauthClients.find(id: id) }
        } catch {
            throw .serverError()
        }
        guard let client = found else { throw .invalidClient("unknown client") }
        return client
    }

    private func openSecret(of client: OAuthClient) throws(OAuthError) -> String? {
        guard let sealed = client.encryptedClientSecret else { return nil }
        do {
            return try services.secretBox.openString(sealed)
        } catch {
            throw .serverError("the client's secret cannot be decrypted; was secrets.encryption changed?")
        }
    }
}
