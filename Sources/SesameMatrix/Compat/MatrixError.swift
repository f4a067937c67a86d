import Foundation

/// A Matrix client-server API error: the `{errcode, error}` JSON body and its HTTP status
/// (Matrix spec, "Standard error response").
public struct MatrixError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The `errcode`, e.g. `M_FORBIDDEN`.
    public var errcode: String
    /// A human-readable `error` message.
    public var message: String
    /// The HTTP status to answer with.
    public var status: Int
    /// `retry_after_ms` of `M_LIMIT_EXCEEDED`.
    public var retryAfterMilliseconds: Int?
    /// `soft_logout` of `M_UNKNOWN_TOKEN` and `M_USER_LOCKED`: the client may log in again to the same device.
    public var softLogout: Bool?

    /// Creates an error.
    public init(errcode: String, message: String, status: Int, retryAfterMilliseconds: Int? = nil, softLogout: Bool? = nil) {
        self.errcode = errcode
        self.message = message
        self.status = status
        self.retryAfterMilliseconds = retryAfterMilliseconds
        self.softLogout = softLogout
    }

    /// The JSON body.
    public var body: Body {
        Body(errcode: errcode, error: message, retryAfterMs: retryAfterMilliseconds, softLogout: softLogout)
    }

    /// The JSON shape of the error.
    public struct Body: Encodable, Equatable, Sendable {
        public var errcode: String
        public var error: String
        public var retryAfterMs: Int?
        public var softLogout: Bool?

        enum CodingKeys: String, CodingKey {
            case errcode, error, retryAfterMs = "retry_after_ms", softLogout = "soft_logout"
        }
    }

    public var description: String { "\(errcode) (\(status)): \(message)" }
}

extension MatrixError {
    /// Wrong password or unknown user: one message for both, so the answer does not reveal which accounts exist.
    public static let invalidCredentials = MatrixError(errcode: "M_FORBIDDEN", message: "Invalid username or password", status: 403)
    /// An SSO login token that is unknown, already used, or too old.
    public static func invalidLoginToken(_ reason: String) -> MatrixError {
        MatrixError(errcode: "M_FORBIDDEN", message: reason, status: 403)
    }
    /// Matrix spec (account locking): a locked account is refused with 401 `M_USER_LOCKED`.
    public static let userLocked = MatrixError(errcode: "M_USER_LOCKED", message: "This account has been locked", status: 401, softLogout: true)
    /// A deactivated account.
    public static let userDeactivated = MatrixError(errcode: "M_USER_DEACTIVATED", message: "This account has been deactivated", status: 403)
    /// The body is not JSON, or not a JSON object.
    public static func badJSON(_ reason: String) -> MatrixError {
        MatrixError(errcode: "M_BAD_JSON", message: reason, status: 400)
    }
    /// A required field is absent.
    public static func missingParameter(_ name: String) -> MatrixError {
        MatrixError(errcode: "M_MISSING_PARAM", message: "Missing parameter: \(name)", status: 400)
    }
    /// A field has the wrong type or an unusable value.
    public static func invalidParameter(_ reason: String) -> MatrixError {
        MatrixError(errcode: "M_INVALID_PARAM", message: reason, status: 400)
    }
    /// Too many attempts; the client may retry after `retryAfter` seconds.
    public static func limitExceeded(retryAfter: TimeInterval) -> MatrixError {
        MatrixError(
            errcode: "M_LIMIT_EXCEEDED", message: "Too many login attempts, try again later", status: 429,
            retryAfterMilliseconds: max(1, Int((retryAfter * 1000).rounded(.up)))
        )
    }
    /// `passwords.enabled: false`.
    public static let passwordLoginDisabled = MatrixError(errcode: "M_UNKNOWN", message: "Password login has been disabled.", status: 400)
    /// A login type this server does not offer.
    public static func unsupportedLoginType(_ type: String) -> MatrixError {
        MatrixError(errcode: "M_UNKNOWN", message: "Unknown login type \(type)", status: 400)
    }
    /// An identifier type other than `m.id.user`.
    public static func unsupportedIdentifier(_ type: String) -> MatrixError {
        MatrixError(errcode: "M_UNKNOWN", message: "Unsupported login identifier type \(type)", status: 400)
    }
    /// An access or refresh token that is unknown, expired, revoked or already used.
    public static func unknownToken(_ message: String = "Invalid access token passed.", softLogout: Bool = false) -> MatrixError {
        MatrixError(errcode: "M_UNKNOWN_TOKEN", message: message, status: 401, softLogout: softLogout)
    }
    /// No access token in the request.
    public static let missingToken = MatrixError(errcode: "M_MISSING_TOKEN", message: "Missing access token", status: 401)
    /// The homeserver could not be told about the device; the login did not happen.
    public static let homeserverUnavailable = MatrixError(errcode: "M_UNKNOWN", message: "The homeserver could not register the device; try again", status: 503)
    /// Anything unexpected; the details go to the log, not the client.
    public static let internalError = MatrixError(errcode: "M_UNKNOWN", message: "Internal server error", status: 500)
    /// A path or method that is not served.
    public static let unrecognized = MatrixError(errcode: "M_UNRECOGNIZED", message: "Unrecognized request", status: 404)
}
