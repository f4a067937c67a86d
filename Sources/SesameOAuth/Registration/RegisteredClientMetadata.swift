import Crypto
import Foundation
import SesameModel

/// The metadata Sesame registers for a dynamic client, after defaults and rules: what the
/// registration response echoes (RFC 7591 §3.2.1) and what the identical-registration digest covers.
public struct RegisteredClientMetadata: Codable, Hashable, Sendable {
    public var redirectURIs: [String]
    public var tokenEndpointAuthMethod: ClientAuthMethod
    /// The grant types actually granted, in a stable order.
    public var grantTypes: [GrantType]
    public var responseTypes: [String]
    public var applicationType: ApplicationType
    public var clientName: String?
    public var clientURI: String?
    public var logoURI: String?
    public var tosURI: String?
    public var policyURI: String?
    public var contacts: [String]
    public var jwksURI: String?
    public var jwks: JSONValue?
    public var idTokenSignedResponseAlg: String
    /// The scopes the client may request (RFC 7591 `scope`); nil when it registered none, and
    /// then any scope the policy allows is open to it.
    public var scope: String?

    enum CodingKeys: String, CodingKey {
        case redirectURIs = "redirect_uris"
        case tokenEndpointAuthMethod = "token_endpoint_auth_method"
        case grantTypes = "grant_types"
        case responseTypes = "response_types"
        case applicationType = "application_type"
        case clientName = "client_name"
        case clientURI = "client_uri"
        case logoURI = "logo_uri"
        case tosURI = "tos_uri"
        case policyURI = "policy_uri"
        case contacts
        case jwksURI = "jwks_uri"
        case jwks
        case idTokenSignedResponseAlg = "id_token_signed_response_alg"
        case scope
    }

    /// A stable SHA-256 hex digest of the metadata: equal metadata, equal digest.
    var digest: String {
        get throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return SHA256.hash(data: try encoder.encode(self)).map { String(format: "%02x", $0) }.joined()
        }
    }

    /// The client this metadata registers, with a fresh ID.
    func client(createdAt: Date, encryptedClientSecret: String?) throws -> OAuthClient {
        OAuthClient(
            id: ClientID(date: createdAt), isStatic: false, clientName: clientName, clientURI: clientURI,
            logoURI: logoURI, tosURI: tosURI, policyURI: policyURI, redirectURIs: redirectURIs,
            grantTypes: Set(grantTypes), tokenEndpointAuthMethod: tokenEndpointAuthMethod,
            encryptedClientSecret: encryptedClientSecret, jwks: try jwks?.canonicalText(), jwksURI: jwksURI,
            applicationType: applicationType, contacts: contacts, allowedScope: scope.flatMap { Scope(parsing: $0) },
            idTokenSignedResponseAlg: idTokenSignedResponseAlg, createdAt: createdAt
        )
    }
}
