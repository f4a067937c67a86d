/// What the deployment allows on the web pages, decided once from the configuration.
public struct WebOptions: Sendable, Equatable {
    /// Whether users may sign in with a username and password.
    public var passwordLoginEnabled: Bool
    /// Whether the minimal username-and-password registration page is open.
    public var passwordRegistrationEnabled: Bool
    /// Whether the session cookie carries `Secure` (true when the public base is `https`).
    public var secureCookies: Bool
    /// What people may change on the account pages.
    public var account = AccountPageOptions()
    /// Registration, email verification and password recovery.
    public var email = EmailPageOptions()

    /// Creates options; pass `secureCookies: true` whenever the public base is `https`.
    /// (The client's address comes from `http.trusted_proxies`, see `TrustedProxies`.)
    public init(passwordLoginEnabled: Bool = true, passwordRegistrationEnabled: Bool = false, secureCookies: Bool) {
        self.passwordLoginEnabled = passwordLoginEnabled
        self.passwordRegistrationEnabled = passwordRegistrationEnabled
        self.secureCookies = secureCookies
    }

    /// Options for a server whose public base is `publicBase`: secure cookies exactly when it is `https`.
    public init(publicBase: String, passwordLoginEnabled: Bool = true, passwordRegistrationEnabled: Bool = false) {
        self.init(
            passwordLoginEnabled: passwordLoginEnabled, passwordRegistrationEnabled: passwordRegistrationEnabled,
            secureCookies: publicBase.lowercased().hasPrefix("https:")
        )
    }
}
