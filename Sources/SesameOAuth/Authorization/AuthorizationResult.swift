/// What an authorization request ended in: a code for the client, or an error.
public enum AuthorizationResult: Equatable, Sendable {
    /// The user approved; the client exchanges this code at the token endpoint.
    case code(String)
    /// The request failed or the user refused.
    case error(OAuthError)
}
