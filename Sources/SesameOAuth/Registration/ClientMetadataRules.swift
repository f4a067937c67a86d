import SesameCrypto
import SesameModel

/// The rules a dynamic registration must pass: RFC 7591 §2, the Matrix rules of MSC2966, and what
/// MAS's registration policy enforces. Each rule is one named check answering with the RFC 7591
/// §3.2.2 code: `invalid_redirect_uri` for redirect URIs, `invalid_client_metadata` for the rest.
struct ClientMetadataRules {
    let policy: RegistrationPolicy
    /// What the server's key set can sign ID tokens with.
    let signingAlgorithms: [SigningAlgorithm]

    /// The grant types registration can give; `password` never, `client_credentials` only to clients with credentials.
    static let registrableGrantTypes: [GrantType] = [.authorizationCode, .refreshToken, .deviceCode, .clientCredentials]

    /// Applies every rule and the RFC 7591 defaults.
    func validate(_ request: ClientMetadataRequest) throws(OAuthError) -> RegisteredClientMetadata {
        let applicationType = try applicationType(request.applicationType)
        let authMethod = try authMethod(request.tokenEndpointAuthMethod)
        let grantTypes = try grantTypes(request.grantTypes, authMethod: authMethod)
        let responseTypes = try responseTypes(request.responseTypes, grantTypes: grantTypes)
        let clientURI = try clientURI(request.clientURI)
        let clientHost = clientURI?.host
        let (jwks, jwksURI) = try keys(jwks: request.jwks, jwksURI: request.jwksURI, authMethod: authMethod)
        return RegisteredClientMetadata(
            redirectURIs: try redirectURIs(
                request.redirectURIs ?? [], applicationType: applicationType, clientHost: clientHost,
                required: grantTypes.contains(.authorizationCode)),
            tokenEndpointAuthMethod: authMethod,
            grantTypes: grantTypes,
            responseTypes: responseTypes,
            applicationType: applicationType,
            clientName: request.clientName,
            clientURI: clientURI?.text,
            logoURI: try pageURI(request.logoURI, field: "logo_uri", clientHost: clientHost),
            tosURI: try pageURI(request.tosURI, field: "tos_uri", clientHost: clientHost),
            policyURI: try pageURI(request.policyURI, field: "policy_uri", clientHost: clientHost),
            contacts: request.contacts ?? [],
            jwksURI: jwksURI,
            jwks: jwks,
            idTokenSignedResponseAlg: try idTokenSigningAlgorithm(request.idTokenSignedResponseAlg),
            scope: try scope(request.scope)
        )
    }

    /// RFC 7591 §2 `scope`: a space-separated list the client limits itself to. Every token must be
    /// one Sesame knows (an unknown one is refused rather than silently dropped, so a client does
    /// not believe it registered something it did not); device scopes are per request, so a
    /// registration names the API scope and any device may follow.
    func scope(_ value: String?) throws(OAuthError) -> String? {
        guard let value else { return nil }
        guard let scope = Scope(parsing: value), !scope.tokens.isEmpty else {
            throw metadata("scope must be a non-empty space-separated list of scope values")
        }
        for token in scope.tokens {
            if token.rawValue.hasPrefix(MatrixScope.devicePrefix) || token.rawValue.hasPrefix(MatrixScope.unstableDevicePrefix) {
                throw metadata("scope cannot name a device (\(token)); register the Matrix API scope and request a device per authorization")
            }
            guard ScopePolicy.isKnown(token) else { throw metadata("the scope \(token) is not supported") }
        }
        return scope.description
    }

    /// OIDC Registration §2: `web` unless the client says `native`.
    func applicationType(_ value: String?) throws(OAuthError) -> ApplicationType {
        guard let value else { return .web }
        guard let type = ApplicationType(rawValue: value) else {
            throw metadata("application_type must be web or native")
        }
        return type
    }

    /// RFC 7591 §2: `client_secret_basic` unless the client names another method Sesame supports.
    func authMethod(_ value: String?) throws(OAuthError) -> ClientAuthMethod {
        guard let value else { return .clientSecretBasic }
        guard let method = ClientAuthMethod(rawValue: value) else {
            throw metadata("token_endpoint_auth_method \(value) is not supported")
        }
        return method
    }

    /// RFC 7591 §2: `authorization_code` by default; grant types Sesame does not register are dropped
    /// rather than refused, but at least one must remain.
    func grantTypes(_ values: [String]?, authMethod: ClientAuthMethod) throws(OAuthError) -> [GrantType] {
        let requested = Set((values ?? [GrantType.authorizationCode.rawValue]).compactMap(GrantType.init(rawValue:)))
        let granted = Self.registrableGrantTypes.filter { grantType in
            // RFC 6749 §4.4: only a client that can authenticate may use client_credentials.
            requested.contains(grantType) && (grantType != .clientCredentials || authMethod != .none)
        }
        guard !granted.isEmpty else { throw metadata("none of the requested grant_types can be registered") }
        return granted
    }

    /// RFC 7591 §2.1: only `code` is supported, and it needs the `authorization_code` grant.
    func responseTypes(_ values: [String]?, grantTypes: [GrantType]) throws(OAuthError) -> [String] {
        let hasCodeGrant = grantTypes.contains(.authorizationCode)
        guard let values else { return hasCodeGrant ? ["code"] : [] }
        guard values.allSatisfy({ $0 == "code" }) else { throw metadata("the only supported response_types value is code") }
        guard values.isEmpty || hasCodeGrant else {
            throw metadata("response type code needs the authorization_code grant type")
        }
        return values.isEmpty ? [] : ["code"]
    }

    /// MSC2966: `client_uri` is required and must be https; it anchors every other URI's host.
    func clientURI(_ value: String?) throws(OAuthError) -> RegistrationURI? {
        guard let value else {
            if policy.allowMissingClientURI { return nil }
            throw metadata("client_uri is required")
        }
        guard let uri = RegistrationURI(value), uri.isWebURI(allowingHTTP: policy.allowInsecureURIs) else {
            throw metadata("client_uri must be an https URL")
        }
        guard !uri.hasFragment else { throw metadata("client_uri must not have a fragment") }
        return uri
    }

    /// MSC2966: `logo_uri`, `tos_uri` and `policy_uri` are https on the client_uri host or a subdomain of it.
    func pageURI(_ value: String?, field: String, clientHost: String?) throws(OAuthError) -> String? {
        guard let value else { return nil }
        guard let uri = RegistrationURI(value), uri.isWebURI(allowingHTTP: policy.allowInsecureURIs) else {
            throw metadata("\(field) must be an https URL")
        }
        guard !uri.hasFragment else { throw metadata("\(field) must not have a fragment") }
        if let clientHost, !policy.allowHostMismatch, !uri.isOnHost(clientHost) {
            throw metadata("\(field) must be on the client_uri host or a subdomain of it")
        }
        return value
    }

    /// RFC 6749 §3.1.2, RFC 8252 §7 and MSC2966: the redirect URIs a client of this type may register.
    func redirectURIs(
        _ values: [String], applicationType: ApplicationType, clientHost: String?, required: Bool
    ) throws(OAuthError) -> [String] {
        guard !values.isEmpty || !required else {
            throw redirect("redirect_uris is required for the authorization_code grant type")
        }
        for value in values {
            if applicationType == .native && value == RedirectURIMatcher.outOfBand { continue }
            guard let uri = RegistrationURI(value) else { throw redirect("\(value) is not an absolute URI") }
            // RFC 6749 §3.1.2: the redirection endpoint URI MUST NOT include a fragment component.
            guard !uri.hasFragment else { throw redirect("\(value) must not have a fragment") }
            switch applicationType {
            case .web: try webRedirect(uri, clientHost: clientHost)
            case .native: try nativeRedirect(uri, clientHost: clientHost)
            }
        }
        return values
    }

    /// Web clients redirect to https on their own host.
    private func webRedirect(_ uri: RegistrationURI, clientHost: String?) throws(OAuthError) {
        guard uri.isWebURI(allowingHTTP: policy.allowInsecureURIs) else {
            throw redirect("\(uri.text) must be https for a web client")
        }
        if let clientHost, !policy.allowHostMismatch, !uri.isOnHost(clientHost) {
            throw redirect("\(uri.text) must be on the client_uri host or a subdomain of it")
        }
    }

    /// RFC 8252 §7.1 and §7.3: native clients redirect to a loopback address or to a private-use
    /// scheme in reverse-domain form that belongs to their client_uri host.
    private func nativeRedirect(_ uri: RegistrationURI, clientHost: String?) throws(OAuthError) {
        if uri.isLoopback { return }
        guard uri.scheme != "http", uri.scheme != "https", uri.scheme.contains(".") else {
            throw redirect("\(uri.text) must be a loopback http URL or a reverse-domain private-use scheme for a native client")
        }
        if policy.allowHostMismatch { return }
        guard let clientHost, uri.isPrivateUseScheme(of: clientHost) else {
            throw redirect("the scheme of \(uri.text) must be the client_uri host, or a parent domain of it, reversed")
        }
    }

    /// RFC 7591 §2: `jwks` and `jwks_uri` never together; `private_key_jwt` needs one of them.
    func keys(jwks: JSONValue?, jwksURI: String?, authMethod: ClientAuthMethod) throws(OAuthError) -> (JSONValue?, String?) {
        if jwks != nil && jwksURI != nil { throw metadata("jwks and jwks_uri must not both be present") }
        if authMethod == .privateKeyJWT && jwks == nil && jwksURI == nil {
            throw metadata("private_key_jwt needs jwks or jwks_uri")
        }
        if let jwks {
            guard let keys = jwks.objectValue?["keys"]?.arrayValue, !keys.isEmpty,
                  keys.allSatisfy({ $0.objectValue?["kty"] != nil })
            else { throw metadata("jwks must be a JWK set with at least one key") }
        }
        if let jwksURI {
            guard let uri = RegistrationURI(jwksURI), uri.isWebURI(allowingHTTP: policy.allowInsecureURIs) else {
                throw metadata("jwks_uri must be an https URL")
            }
            guard !uri.hasFragment else { throw metadata("jwks_uri must not have a fragment") }
        }
        return (jwks, jwksURI)
    }

    /// OIDC Registration §2: `RS256` by default; the server must hold a key for the algorithm chosen.
    func idTokenSigningAlgorithm(_ value: String?) throws(OAuthError) -> String {
        let name = value ?? SigningAlgorithm.rs256.rawValue
        guard let algorithm = SigningAlgorithm(rawValue: name), signingAlgorithms.contains(algorithm) else {
            let supported = signingAlgorithms.map(\.rawValue).joined(separator: ", ")
            throw metadata("id_token_signed_response_alg must be one of: \(supported)")
        }
        return name
    }

    private func metadata(_ description: String) -> OAuthError { OAuthError(.invalidClientMetadata, description) }
    private func redirect(_ description: String) -> OAuthError { OAuthError(.invalidRedirectURI, description) }
}
