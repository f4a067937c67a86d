/// What validating an authorization request decided.
public enum AuthorizationRequestOutcome: Sendable {
    /// The client or its redirect URI could not be verified: show an error page, never redirect.
    case showError(AuthorizationPageError)
    /// The request is invalid, and the client can be told so at its verified redirect URI.
    case redirectError(OAuthError, to: AuthorizationResponseTarget)
    /// Every check passed.
    case valid(ValidatedAuthorizationRequest)
}
