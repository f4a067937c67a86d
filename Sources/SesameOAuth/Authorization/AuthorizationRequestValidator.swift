import Foundation
import SesameModel

/// Validates an authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1, RFC 7636, RFC 9207)
/// from its parameters: the query of a GET or the form body of a POST.
///
/// The client and its redirect URI are checked first: until both are verified nothing may be
/// sent to the redirect URI (RFC 6749 §4.1.2.1). Every later check answers at the redirect URI
/// with the RFC's error code. Unknown parameters are ignored (RFC 6749 §3.1).
public struct AuthorizationRequestValidator: Sendable {
    let services: OAuthServices

    /// Creates a validator.
    public init(services: OAuthServices) { self.services = services }

    /// Checks `parameters`; throws only when the storage fails.
    public func validate(_ parameters: FormParameters) async throws -> AuthorizationRequestOutcome {
        let client: OAuthClient
        let redirectURI: String
        do {
            client = try await checkClient(parameters)
            redirectURI = try checkRedirectURI(parameters, client: client)
        } catch let error as AuthorizationPageError {
            return .showError(error)
        }

        var target = AuthorizationResponseTarget(redirectURI: redirectURI)
        do throws(OAuthError) {
            target.state = try parameters.single("state")
            target.responseMode = try checkResponseMode(parameters)
            return .valid(try await checkRest(parameters, client: client, target: target))
        } catch {
            return .redirectError(error, to: target)
        }
    }

    // MARK: - Checks answered with an error page

    /// RFC 6749 §4.1.1: `client_id` is REQUIRED and must name a registered client.
    private func checkClient(_ parameters: FormParameters) async throws -> OAuthClient {
        let text: String?
        do {
            text = try parameters.single("client_id")
        } catch {
            throw AuthorizationPageError.repeatedParameter("client_id")
        }
        guard let text else { throw AuthorizationPageError.missingClientID }
        guard let id = ClientID(text),
              let client = try await services.storage.read({ try await $0.oauthClients.find(id: id) })
        else { throw AuthorizationPageError.unknownClient }
        return client
    }

    /// RFC 6749 §3.1.2.3: compare with the registered URIs exactly (loopback ports aside,
    /// RFC 8252 §7.3); OPTIONAL only when the client registered exactly one.
    private func checkRedirectURI(_ parameters: FormParameters, client: OAuthClient) throws(AuthorizationPageError) -> String {
        let requested: String?
        do {
            requested = try parameters.single("redirect_uri")
        } catch {
            throw .repeatedParameter("redirect_uri")
        }
        guard let requested else {
            switch client.redirectURIs.count {
            case 0: throw .noRegisteredRedirectURI
            case 1: return client.redirectURIs[0]
            default: throw .missingRedirectURI
            }
        }
        guard RedirectURIMatcher.match(requested, registered: client.redirectURIs) != nil else {
            throw .unregisteredRedirectURI
        }
        // The requested URI, not the registered one: a loopback redirect keeps its own port.
        return requested
    }

    // MARK: - Checks answered at the redirect URI

    /// OAuth 2.0 Multiple Response Types §2.1 and Form Post Response Mode; `query` is the default for `code`.
    private func checkResponseMode(_ parameters: FormParameters) throws(OAuthError) -> ResponseMode {
        guard let text = try parameters.single("response_mode") else { return .query }
        guard let mode = ResponseMode(rawValue: text) else {
            throw .invalidRequest("response_mode \(text) is not supported; use query, fragment or form_post")
        }
        return mode
    }

    private func checkRest(
        _ parameters: FormParameters, client: OAuthClient, target: AuthorizationResponseTarget
    ) async throws(OAuthError) -> ValidatedAuthorizationRequest {
        try checkResponseType(parameters)
        try checkGrantType(client)
        try checkNoRequestObject(parameters)
        let pkce = try checkPKCE(parameters, client: client)
        let scope = try checkScope(parameters, client: client)
        let prompt = try checkPrompt(parameters)
        let maxAge = try checkMaxAge(parameters)
        let nonce = try parameters.single("nonce")
        let loginHint = try parameters.single("login_hint").flatMap {
            LoginHint.username(from: $0, serverName: services.settings.matrixServerName)
        }
        var expectedSubject: String?
        if let hint = try parameters.single("id_token_hint") {
            expectedSubject = try await IDTokenHint.verify(hint, services: services).subject
        }
        return ValidatedAuthorizationRequest(
            client: client, target: target, scope: scope, nonce: nonce, pkce: pkce, prompt: prompt,
            maxAge: maxAge, loginHint: loginHint, expectedSubject: expectedSubject
        )
    }

    /// RFC 6749 §4.1.1: `response_type` is REQUIRED; Sesame offers the code flow only.
    private func checkResponseType(_ parameters: FormParameters) throws(OAuthError) {
        guard let text = try parameters.single("response_type") else {
            throw .invalidRequest("the response_type parameter is missing")
        }
        guard text == "code" else {
            throw OAuthError(.unsupportedResponseType, "response_type \(text) is not supported; only code is supported")
        }
    }

    /// RFC 6749 §4.1.2.1 `unauthorized_client`: the client is not registered for the code flow.
    private func checkGrantType(_ client: OAuthClient) throws(OAuthError) {
        guard client.grantTypes.contains(.authorizationCode) else {
            throw .unauthorizedClient("the client is not registered for the authorization_code grant type")
        }
    }

    /// OIDC Core §6: request objects are optional to support, and Sesame does not.
    private func checkNoRequestObject(_ parameters: FormParameters) throws(OAuthError) {
        if parameters.contains("request") {
            throw OAuthError(.requestNotSupported, "request objects (the request parameter) are not supported")
        }
        if parameters.contains("request_uri") {
            throw OAuthError(.requestURINotSupported, "request objects by reference (the request_uri parameter) are not supported")
        }
    }

    /// RFC 7636 §4.3 with S256 only (RFC 9700 §2.1.1); public clients MUST use it.
    private func checkPKCE(_ parameters: FormParameters, client: OAuthClient) throws(OAuthError) -> PKCEChallenge? {
        let challenge = try parameters.single("code_challenge")
        let method = try parameters.single("code_challenge_method")
        switch (challenge, method) {
        case (nil, nil):
            if client.isPublic {
                throw .invalidRequest("public clients must send a PKCE code_challenge with code_challenge_method=S256 (RFC 7636)")
            }
            return nil
        case (nil, .some):
            throw .invalidRequest("code_challenge_method was sent without a code_challenge")
        case (.some, nil):
            // RFC 7636 §4.3: an omitted method means plain.
            throw .invalidRequest("code_challenge_method is missing, which means plain; only S256 is supported")
        case (.some(let challenge), .some(let method)):
            guard method == "S256" else {
                throw .invalidRequest("code_challenge_method \(method) is not supported; only S256 is supported")
            }
            guard PKCE.isValidChallenge(challenge) else {
                throw .invalidRequest("the code_challenge must be 43 base64url characters, BASE64URL(SHA256(code_verifier)) (RFC 7636 §4.2)")
            }
            return PKCEChallenge(challenge: challenge)
        }
    }

    /// RFC 6749 §3.3 and Sesame's scope policy, apart from the rules about who the user is
    /// (those are checked once the user is known).
    private func checkScope(_ parameters: FormParameters, client: OAuthClient) throws(OAuthError) -> Scope {
        guard let text = try parameters.single("scope") else { throw .invalidScope("the scope parameter is missing") }
        guard let scope = Scope(parsing: text) else {
            throw .invalidScope("the scope contains a character RFC 6749 §3.3 does not allow")
        }
        guard !scope.isEmpty else { throw .invalidScope("the scope parameter is empty") }
        // A stand-in user who may request anything leaves only the client and scope rules to check.
        let anyUser = User(id: UserID(date: Date(timeIntervalSince1970: 0)), username: Username(trusted: "-"), createdAt: .distantPast, canRequestAdmin: true)
        try ScopePolicy(settings: services.settings).check(scope, client: client, subject: .user(anyUser))
        return scope
    }

    /// OIDC Core §3.1.2.1 `prompt`, plus `create` (Initiating User Registration via OpenID Connect).
    private func checkPrompt(_ parameters: FormParameters) throws(OAuthError) -> Set<AuthorizationPrompt> {
        guard let text = try parameters.single("prompt") else { return [] }
        var prompt = Set<AuthorizationPrompt>()
        for word in text.split(separator: " ") {
            guard let value = AuthorizationPrompt(rawValue: String(word)) else {
                throw .invalidRequest("prompt value \(word) is not supported; use none, login, consent, select_account or create")
            }
            prompt.insert(value)
        }
        // OIDC Core §3.1.2.1: "If this parameter contains none with any other value, an error is returned."
        if prompt.contains(.none), prompt.count > 1 {
            throw .invalidRequest("prompt=none cannot be combined with other prompt values")
        }
        return prompt
    }

    /// OIDC Core §3.1.2.1 `max_age`: allowable elapsed seconds since the user last authenticated.
    private func checkMaxAge(_ parameters: FormParameters) throws(OAuthError) -> Int? {
        guard let text = try parameters.single("max_age") else { return nil }
        guard text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let seconds = Int(text) else {
            throw .invalidRequest("max_age must be a non-negative whole number of seconds")
        }
        return seconds
    }
}
