import SesameModel

/// Why a call to the homeserver did not succeed.
public enum HomeserverError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The homeserver could not be reached (connection refused, DNS, TLS, timeout).
    case unreachable(String)
    /// The homeserver answered with an error status; `errcode`/`message` come from its Matrix error body when present.
    case rejected(status: Int, errcode: String?, message: String?)
    /// The homeserver answered 2xx but with a body Sesame could not read.
    case unexpectedResponse(String)

    public var description: String {
        switch self {
        case .unreachable(let reason): "homeserver unreachable: \(reason)"
        case .rejected(let status, let errcode, let message):
            "homeserver rejected the call with HTTP \(status)" + (errcode.map { " \($0)" } ?? "") + (message.map { ": \($0)" } ?? "")
        case .unexpectedResponse(let reason): "unexpected homeserver response: \(reason)"
        }
    }
}
