/// Why a stored authorization grant cannot be answered at all; the user sees a page, the client
/// gets nothing (its request already ended, or never existed).
public enum AuthorizationGrantProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// No grant has this ID.
    case notFound
    /// The grant was already approved, refused or used.
    case notPending
    /// The client was deleted after the request was made.
    case clientGone

    public var description: String {
        switch self {
        case .notFound: "no such authorization request"
        case .notPending: "the authorization request was already answered"
        case .clientGone: "the client that made the authorization request no longer exists"
        }
    }
}
