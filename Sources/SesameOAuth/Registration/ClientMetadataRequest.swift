import Foundation

/// Client metadata as the client sent it (RFC 7591 §2), before defaults and rules apply.
/// Fields Sesame does not use, and localised variants like `client_name#fr`, are ignored
/// (RFC 7591 §2: the server MUST ignore metadata it does not understand).
struct ClientMetadataRequest: Decodable {
    var redirectURIs: [String]?
    var tokenEndpointAuthMethod: String?
    var grantTypes: [String]?
    var responseTypes: [String]?
    var applicationType: String?
    var clientName: String?
    var clientURI: String?
    var logoURI: String?
    var tosURI: String?
    var policyURI: String?
    var contacts: [String]?
    var jwksURI: String?
    var jwks: JSONValue?
    var idTokenSignedResponseAlg: String?
    var scope: String?

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

    /// Parses the request body; a body that is not a JSON object of the right shape is refused
    /// with the RFC 7591 §3.2.2 code for the field at fault.
    static func parse(_ json: Data) throws(OAuthError) -> ClientMetadataRequest {
        do {
            return try JSONDecoder().decode(ClientMetadataRequest.self, from: json)
        } catch let DecodingError.typeMismatch(_, context) {
            throw wrongType(context)
        } catch let DecodingError.valueNotFound(_, context) {
            throw wrongType(context)
        } catch {
            throw OAuthError(.invalidClientMetadata, "the client metadata is not a JSON object")
        }
    }

    private static func wrongType(_ context: DecodingError.Context) -> OAuthError {
        guard let field = context.codingPath.first?.stringValue else {
            return OAuthError(.invalidClientMetadata, "the client metadata is not a JSON object")
        }
        let code: OAuthError.Code = field == CodingKeys.redirectURIs.rawValue ? .invalidRedirectURI : .invalidClientMetadata
        return OAuthError(code, "\(field) has the wrong JSON type")
    }
}
