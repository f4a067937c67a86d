import Foundation
import SesameCrypto
import SesameModel

/// The authorization server metadata (OIDC Discovery 1.0 §3, RFC 8414 §2) served at
/// `/.well-known/openid-configuration`, `/.well-known/oauth-authorization-server` and the Matrix
/// `auth_metadata` endpoints. It lists only what Sesame really supports.
public struct ProviderMetadata: Encodable, Equatable, Sendable {
    public var issuer: String
    public var authorizationEndpoint: String
    public var tokenEndpoint: String
    public var jwksURI: String
    public var registrationEndpoint: String
    public var revocationEndpoint: String
    public var introspectionEndpoint: String
    public var userinfoEndpoint: String
    public var deviceAuthorizationEndpoint: String
    public var endSessionEndpoint: String
    public var scopesSupported: [String]
    public var responseTypesSupported: [String]
    public var responseModesSupported: [String]
    public var grantTypesSupported: [String]
    public var tokenEndpointAuthMethodsSupported: [String]
    public var tokenEndpointAuthSigningAlgValuesSupported: [String]
    public var revocationEndpointAuthMethodsSupported: [String]
    public var revocationEndpointAuthSigningAlgValuesSupported: [String]
    public var introspectionEndpointAuthMethodsSupported: [String]
    public var introspectionEndpointAuthSigningAlgValuesSupported: [String]
    public var codeChallengeMethodsSupported: [String]
    public var subjectTypesSupported: [String]
    public var idTokenSigningAlgValuesSupported: [String]
    public var claimsSupported: [String]
    public var claimTypesSupported: [String]
    public var promptValuesSupported: [String]
    public var requestParameterSupported: Bool
    public var requestURIParameterSupported: Bool
    /// RFC 9207: authorization responses carry `iss`.
    public var authorizationResponseIssParameterSupported: Bool
    /// Matrix (MSC4191): where users manage their account.
    public var accountManagementURI: String
    /// Matrix (MSC4191): the `action` values the account page understands.
    public var accountManagementActionsSupported: [String]
    /// MAS's GraphQL API, which some Matrix tools look for under this name.
    public var graphqlEndpoint: String

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
        case registrationEndpoint = "registration_endpoint"
        case revocationEndpoint = "revocation_endpoint"
        case introspectionEndpoint = "introspection_endpoint"
        case userinfoEndpoint = "userinfo_endpoint"
        case deviceAuthorizationEndpoint = "device_authorization_endpoint"
        case endSessionEndpoint = "end_session_endpoint"
        case scopesSupported = "scopes_supported"
        case responseTypesSupported = "response_types_supported"
        case responseModesSupported = "response_modes_supported"
        case grantTypesSupported = "grant_types_supported"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case tokenEndpointAuthSigningAlgValuesSupported = "token_endpoint_auth_signing_alg_values_supported"
        case revocationEndpointAuthMethodsSupported = "revocation_endpoint_auth_methods_supported"
        case revocationEndpointAuthSigningAlgValuesSupported = "revocation_endpoint_auth_signing_alg_values_supported"
        case introspectionEndpointAuthMethodsSupported = "introspection_endpoint_auth_methods_supported"
        case introspectionEndpointAuthSigningAlgValuesSupported = "introspection_endpoint_auth_signing_alg_values_supported"
        case codeChallengeMethodsSupported = "code_challenge_methods_supported"
        case subjectTypesSupported = "subject_types_supported"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
        case claimsSupported = "claims_supported"
        case claimTypesSupported = "claim_types_supported"
        case promptValuesSupported = "prompt_values_supported"
        case requestParameterSupported = "request_parameter_supported"
        case requestURIParameterSupported = "request_uri_parameter_supported"
        case authorizationResponseIssParameterSupported = "authorization_response_iss_parameter_supported"
        case accountManagementURI = "account_management_uri"
        case accountManagementActionsSupported = "account_management_actions_supported"
        case graphqlEndpoint = "org.matrix.matrix-authentication-service.graphql_endpoint"
    }

    /// The document for `settings`, advertising the ID token algorithms the key set can sign with.
    public static func make(settings: OAuthSettings, signingAlgorithms: [SigningAlgorithm]) -> ProviderMetadata {
        let authMethods = ClientAuthMethod.allCases.map(\.rawValue)
        let assertionAlgorithms = ClientAssertionAlgorithm.allCases.map(\.rawValue)
        return ProviderMetadata(
            issuer: settings.issuer,
            authorizationEndpoint: settings.url("authorize"),
            tokenEndpoint: settings.url("oauth2/token"),
            jwksURI: settings.url("oauth2/keys.json"),
            registrationEndpoint: settings.url("oauth2/registration"),
            revocationEndpoint: settings.url("oauth2/revoke"),
            introspectionEndpoint: settings.url("oauth2/introspect"),
            userinfoEndpoint: settings.url("oauth2/userinfo"),
            deviceAuthorizationEndpoint: settings.url("oauth2/device"),
            endSessionEndpoint: settings.url("logout"),
            // Device scopes (`urn:matrix:client:device:…`) are patterns, so they are not listed.
            scopesSupported: [
                "openid", "email", "urn:matrix:client:api:*", "urn:matrix:org.matrix.msc2967.client:api:*",
                "urn:synapse:admin:*", "urn:mas:graphql:*", "urn:mas:admin",
            ],
            responseTypesSupported: ["code"],
            responseModesSupported: ["query", "fragment", "form_post"],
            grantTypesSupported: [
                GrantType.authorizationCode, .refreshToken, .clientCredentials, .deviceCode,
            ].map(\.rawValue),
            tokenEndpointAuthMethodsSupported: authMethods,
            tokenEndpointAuthSigningAlgValuesSupported: assertionAlgorithms,
            revocationEndpointAuthMethodsSupported: authMethods,
            revocationEndpointAuthSigningAlgValuesSupported: assertionAlgorithms,
            introspectionEndpointAuthMethodsSupported: authMethods,
            introspectionEndpointAuthSigningAlgValuesSupported: assertionAlgorithms,
            // RFC 9700 §2.1.1: plain adds nothing over no PKCE, so only S256.
            codeChallengeMethodsSupported: ["S256"],
            subjectTypesSupported: ["public"],
            idTokenSigningAlgValuesSupported: signingAlgorithms.map(\.rawValue),
            claimsSupported: [
                "iss", "sub", "aud", "iat", "exp", "nonce", "auth_time", "at_hash", "c_hash",
                "email", "email_verified", "username",
            ],
            claimTypesSupported: ["normal"],
            promptValuesSupported: ["none", "login", "consent", "create"],
            requestParameterSupported: false,
            requestURIParameterSupported: false,
            authorizationResponseIssParameterSupported: true,
            accountManagementURI: settings.url("account/"),
            accountManagementActionsSupported: [
                "org.matrix.profile", "org.matrix.sessions_list", "org.matrix.session_view", "org.matrix.session_end",
                "org.matrix.devices_list", "org.matrix.device_view", "org.matrix.device_delete",
                "org.matrix.cross_signing_reset",
            ],
            graphqlEndpoint: settings.url("graphql")
        )
    }

    /// The JSON body, keys sorted so the document is byte-for-byte stable and caches hold.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
