/// The outcome of checking a password against a stored hash.
public enum PasswordVerification: Hashable, Sendable {
    /// The password is wrong.
    case invalid
    /// The password is right and the hash uses the current scheme.
    case valid
    /// The password is right but was hashed with an older scheme: store a fresh hash now, while the password is at hand.
    case validNeedsRehash
}
