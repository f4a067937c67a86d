/// Why a self-service registration, an address change or a password recovery could not finish.
public enum RegistrationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The invite code is unknown, revoked, expired or used up.
    case registrationTokenUnusable
    /// The registration or code was already used (another tab finished it).
    case alreadyCompleted
    /// The registration waited too long for its code.
    case registrationExpired
    /// The verification does not belong to this operation or user.
    case wrongVerification

    public var description: String {
        switch self {
        case .registrationTokenUnusable: "the registration token is unknown, revoked, expired or used up"
        case .alreadyCompleted: "this registration or code was already used"
        case .registrationExpired: "the registration expired before the address was verified"
        case .wrongVerification: "the verification does not belong to this operation"
        }
    }
}
