import SesameModel

/// Why an account operation was refused; each case says what to fix.
public enum AccountError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidUsername(String, Username.Problem)
    case usernameTaken(String)
    case userNotFound(String)
    case emptyPassword

    public var description: String {
        switch self {
        case .invalidUsername(let name, let problem):
            switch problem {
            case .empty: "the username is empty"
            case .tooLong: "the username \(name.prefix(20))… is longer than \(Username.maximumLength) bytes"
            case .invalidCharacter(let character): "the username \(name) contains \"\(character)\"; use lower-case letters, digits and ._=-/+"
            case .allDigits: "the username \(name) is all digits, which is reserved"
            }
        case .usernameTaken(let name): "the username \(name) is already taken"
        case .userNotFound(let name): "no user named \(name)"
        case .emptyPassword: "the password is empty"
        }
    }
}
