import SesameAccounts

/// The checks a new password goes through on the registration and recovery pages, answered in
/// the page's words.
struct PasswordRules: Sendable {
    let environment: WebEnvironment

    /// Nil when `password` (typed twice) is acceptable for `username`; else the message to show.
    func problem(password: String, confirmation: String, username: String?) -> String? {
        let strings = environment.strings
        if password.isEmpty { return strings["register_empty_password"] }
        if password != confirmation { return strings["register_mismatch"] }
        let strength = PasswordStrength(minimumScore: environment.options.email.minimumPasswordComplexity)
        switch strength.problem(with: password, username: username) {
        case nil: return nil
        case .tooShort(let minimum): return strings.format("register_password_too_short", ["minimum": String(minimum)])
        case .tooCommon: return strings["register_password_common"]
        case .containsUsername: return strings["register_password_username"]
        case .tooWeak: return strings["register_password_weak"]
        }
    }
}
