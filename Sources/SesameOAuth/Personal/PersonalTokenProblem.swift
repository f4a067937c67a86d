/// Why a personal token request was refused; each case says what to fix.
public enum PersonalTokenProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case actorInactive(String)
    case invalidName
    case emptyScope
    case adminScopeRefused(String, String)
    case invalidLifetime

    public var description: String {
        switch self {
        case .actorInactive(let username): "user \(username) is locked or deactivated"
        case .invalidName: "human_name must be 1 to \(PersonalTokenIssuer.maximumNameLength) characters"
        case .emptyScope: "scope must be space-separated scope tokens"
        case .adminScopeRefused(let username, let scope): "user \(username) may not be given the scope \(scope)"
        case .invalidLifetime: "expires_in must be from 1 to \(PersonalTokenIssuer.maximumLifetime) seconds"
        }
    }
}
