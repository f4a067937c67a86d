import Crypto
import Foundation
import SesameModel
import SesameStorage

/// `POST /oauth2/registration`: dynamic client registration (RFC 7591 §3) under the Matrix rules
/// of MSC2966. A public client registering metadata identical to an earlier registration gets that
/// client back instead of a new one, as MAS does, so clients re-registering on every start do not
/// pile up.
public struct ClientRegistrationEndpoint: Sendable {
    let services: OAuthServices

    /// Creates the endpoint.
    public init(services: OAuthServices) { self.services = services }

    /// Registers the client described by the JSON request body.
    public func handle(json: Data) async -> Result<ClientRegistrationResponse, OAuthError> {
        do throws(OAuthError) {
            return .success(try await register(json))
        } catch {
            return .failure(error)
        }
    }

    private func register(_ json: Data) async throws(OAuthError) -> ClientRegistrationResponse {
        let request = try ClientMetadataRequest.parse(json)
        let rules = ClientMetadataRules(
            policy: services.settings.registration, signingAlgorithms: services.signingKeys.signingAlgorithms)
        let metadata = try rules.validate(request)
        switch metadata.tokenEndpointAuthMethod {
        case .none: return try await registerPublic(metadata)
        case .privateKeyJWT: return try await registerConfidential(metadata, secret: nil)
        case .clientSecretBasic, .clientSecretPost, .clientSecretJWT:
            return try await registerConfidential(metadata, secret: Self.generateSecret())
        }
    }

    /// A public client: reused when identical metadata was registered before.
    private func registerPublic(_ metadata: RegisteredClientMetadata) async throws(OAuthError) -> ClientRegistrationResponse {
        do {
            let digest = try metadata.digest
            if let existing = try await services.storage.read({ try await $0.oauthClients.find(metadataDigest: digest) }) {
                return response(for: existing, metadata: metadata, secret: nil, isExisting: true)
            }
            let client = try metadata.client(createdAt: services.clock.now(), encryptedClientSecret: nil)
            do {
                try await services.storage.transaction { try await $0.oauthClients.add(client, metadataDigest: digest) }
                return response(for: client, metadata: metadata, secret: nil, isExisting: false)
            } catch StorageError.uniqueViolation(_) {
                // An identical registration won the race; answer with its client.
                guard let existing = try await services.storage.read({ try await $0.oauthClients.find(metadataDigest: digest) }) else {
                    throw OAuthError.serverError()
                }
                return response(for: existing, metadata: metadata, secret: nil, isExisting: true)
            }
        } catch {
            throw .serverError()
        }
    }

    /// A confidential client, always new; its `secret` (if it uses one) is encrypted at rest and shown once.
    private func registerConfidential(
        _ metadata: RegisteredClientMetadata, secret: String?
    ) async throws(OAuthError) -> ClientRegistrationResponse {
        do {
            let sealed = try secret.map { try services.secretBox.seal($0) }
            let client = try metadata.client(createdAt: services.clock.now(), encryptedClientSecret: sealed)
            try await services.storage.transaction { try await $0.oauthClients.add(client) }
            return response(for: client, metadata: metadata, secret: secret, isExisting: false)
        } catch {
            throw .serverError()
        }
    }

    private func response(
        for client: OAuthClient, metadata: RegisteredClientMetadata, secret: String?, isExisting: Bool
    ) -> ClientRegistrationResponse {
        ClientRegistrationResponse(
            clientID: client.id.description,
            clientIDIssuedAt: Int(client.createdAt.timeIntervalSince1970),
            clientSecret: secret,
            clientSecretExpiresAt: secret == nil ? nil : 0,
            metadata: metadata,
            isExistingClient: isExisting
        )
    }

    /// 384 random bits as 64 base64url characters: long enough to key HS512 (RFC 7518 §3.2 wants
    /// 64 bytes), so a confidential client may move to `client_secret_jwt` with any HMAC algorithm.
    static func generateSecret() -> String {
        SymmetricKey(size: SymmetricKeySize(bitCount: 384)).withUnsafeBytes { Data($0) }
            .base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
