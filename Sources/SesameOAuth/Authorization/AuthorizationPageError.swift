/// Why an authorization request cannot be answered by redirecting: the client or the redirect URI
/// could not be verified. RFC 6749 §4.1.2.1: the server MUST NOT redirect then, and shows the
/// user an error page instead.
public enum AuthorizationPageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No `client_id` was sent.
    case missingClientID
    /// `client_id` names no registered client.
    case unknownClient
    /// `client_id` or `redirect_uri` was sent more than once; the parameter's name.
    case repeatedParameter(String)
    /// `redirect_uri` was omitted, but the client registered several, so it is ambiguous.
    case missingRedirectURI
    /// The client registered no redirect URI at all.
    case noRegisteredRedirectURI
    /// `redirect_uri` is not one the client registered.
    case unregisteredRedirectURI

    public var description: String {
        switch self {
        case .missingClientID: "the client_id parameter is missing"
        case .unknownClient: "the client_id does not name a registered client"
        case .repeatedParameter(let name): "the \(name) parameter was sent more than once"
        case .missingRedirectURI: "the redirect_uri parameter is required because the client registered several redirect URIs"
        case .noRegisteredRedirectURI: "the client has no registered redirect URI"
        case .unregisteredRedirectURI: "the redirect_uri is not one the client registered"
        }
    }
}
