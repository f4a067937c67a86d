/// An OAuth 2.0 / OpenID Connect error as the RFCs define it: a registered code and a description
/// a client author can act on. Each endpoint renders it in its own shape (JSON body, redirect
/// parameters or an error page).
public struct OAuthError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The registered error codes Sesame uses (RFC 6749 §4.1.2.1 and §5.2, RFC 6750, RFC 7591,
    /// RFC 8628 §3.5, OIDC Core §3.1.2.6, RFC 7009).
    public enum Code: String, Sendable, CaseIterable {
        case invalidRequest = "invalid_request"
        case invalidClient = "invalid_client"
        case invalidGrant = "invalid_grant"
        case unauthorizedClient = "unauthorized_client"
        case unsupportedGrantType = "unsupported_grant_type"
        case invalidScope = "invalid_scope"
        case accessDenied = "access_denied"
        case unsupportedResponseType = "unsupported_response_type"
        case serverError = "server_error"
        case temporarilyUnavailable = "temporarily_unavailable"
        case loginRequired = "login_required"
        case consentRequired = "consent_required"
        case interactionRequired = "interaction_required"
        case requestNotSupported = "request_not_supported"
        case requestURINotSupported = "request_uri_not_supported"
        case authorizationPending = "authorization_pending"
        case slowDown = "slow_down"
        case expiredToken = "expired_token"
        case invalidRedirectURI = "invalid_redirect_uri"
        case invalidClientMetadata = "invalid_client_metadata"
        case unsupportedTokenType = "unsupported_token_type"
        case invalidToken = "invalid_token"
        case insufficientScope = "insufficient_scope"
    }

    public let code: Code
    public let errorDescription: String
    /// Seconds to wait before trying again, when the request was refused by a rate limit; the
    /// answer is then HTTP 429 with `Retry-After`.
    public let retryAfter: Int?

    /// Creates an error.
    public init(_ code: Code, _ description: String, retryAfter: Int? = nil) {
        self.code = code
        self.errorDescription = description
        self.retryAfter = retryAfter
    }

    public var description: String { "\(code.rawValue): \(errorDescription)" }

    /// The HTTP status for a direct (non-redirect) response: 401 for failed client or token
    /// authentication (RFC 6749 §5.2, RFC 6750 §3.1), 403 for insufficient scope, 500/503 for
    /// server trouble, 429 when rate limited, 400 otherwise.
    public var httpStatus: Int {
        if retryAfter != nil { return 429 }
        return switch code {
        case .invalidClient, .invalidToken: 401
        case .insufficientScope: 403
        case .serverError: 500
        case .temporarilyUnavailable: 503
        default: 400
        }
    }

    /// The JSON body `{"error": …, "error_description": …}`.
    public var body: [String: String] {
        ["error": code.rawValue, "error_description": errorDescription]
    }

    public static func invalidRequest(_ description: String) -> OAuthError { OAuthError(.invalidRequest, description) }
    public static func invalidClient(_ description: String) -> OAuthError { OAuthError(.invalidClient, description) }
    public static func invalidGrant(_ description: String) -> OAuthError { OAuthError(.invalidGrant, description) }
    public static func invalidScope(_ description: String) -> OAuthError { OAuthError(.invalidScope, description) }
    public static func unauthorizedClient(_ description: String) -> OAuthError { OAuthError(.unauthorizedClient, description) }
    public static func accessDenied(_ description: String) -> OAuthError { OAuthError(.accessDenied, description) }
    public static func serverError(_ description: String = "the server could not complete the request") -> OAuthError { OAuthError(.serverError, description) }
}
