/// What the registration, email and recovery pages allow (the `account`, `passwords` and
/// `branding` config sections, and whether mail can actually be sent).
public struct EmailPageOptions: Sendable, Equatable {
    /// Registration asks for an address and verifies it with a code before creating the account.
    /// Sesame turns MAS's `account.password_registration_email_required` on only when a transport
    /// other than `blackhole` is configured, so a server that cannot send mail still lets people register.
    public var registrationEmailRequired: Bool
    /// `account.registration_token_required`: registration needs an invite code.
    public var registrationTokenRequired: Bool
    /// `account.password_recovery_enabled`: `/recover` sends reset links.
    public var passwordRecoveryEnabled: Bool
    /// `account.email_change_allowed`: people may add and remove addresses on `/account/emails`.
    public var emailChangeAllowed: Bool
    /// `passwords.minimum_complexity` (0–4) a new password must reach.
    public var minimumPasswordComplexity: Int
    /// `branding.tos_uri`: when set, registration needs the terms accepted.
    public var termsOfServiceURI: String?

    /// Creates options; by default no mail is needed, no invite code, no recovery, MAS's complexity 3.
    public init(
        registrationEmailRequired: Bool = false, registrationTokenRequired: Bool = false, passwordRecoveryEnabled: Bool = false,
        emailChangeAllowed: Bool = true, minimumPasswordComplexity: Int = 3, termsOfServiceURI: String? = nil
    ) {
        self.registrationEmailRequired = registrationEmailRequired
        self.registrationTokenRequired = registrationTokenRequired
        self.passwordRecoveryEnabled = passwordRecoveryEnabled
        self.emailChangeAllowed = emailChangeAllowed
        self.minimumPasswordComplexity = minimumPasswordComplexity
        self.termsOfServiceURI = termsOfServiceURI
    }
}
