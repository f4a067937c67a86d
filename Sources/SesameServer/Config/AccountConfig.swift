/// `account`: what people may do with their accounts.
public struct AccountConfig: ConfigSection, Equatable {
    public var emailChangeAllowed: Bool
    public var displaynameChangeAllowed: Bool
    /// Self-service registration with a password.
    public var passwordRegistrationEnabled: Bool
    /// Whether registration asks for (and verifies) an email address.
    public var passwordRegistrationEmailRequired: Bool
    public var passwordChangeAllowed: Bool
    public var passwordRecoveryEnabled: Bool
    public var accountDeactivationAllowed: Bool
    /// Whether the login form accepts a confirmed email address instead of a username.
    public var loginWithEmailAllowed: Bool
    /// Whether registration needs an invite code.
    public var registrationTokenRequired: Bool

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case emailChangeAllowed = "email_change_allowed"
        case displaynameChangeAllowed = "displayname_change_allowed"
        case passwordRegistrationEnabled = "password_registration_enabled"
        case passwordRegistrationEmailRequired = "password_registration_email_required"
        case passwordChangeAllowed = "password_change_allowed"
        case passwordRecoveryEnabled = "password_recovery_enabled"
        case accountDeactivationAllowed = "account_deactivation_allowed"
        case loginWithEmailAllowed = "login_with_email_allowed"
        case registrationTokenRequired = "registration_token_required"
    }

    /// MAS's defaults: registration and recovery off until an operator opts in.
    public static let `default` = AccountConfig(
        emailChangeAllowed: true, displaynameChangeAllowed: true, passwordRegistrationEnabled: false,
        passwordRegistrationEmailRequired: true, passwordChangeAllowed: true, passwordRecoveryEnabled: false,
        accountDeactivationAllowed: true, loginWithEmailAllowed: false, registrationTokenRequired: false
    )

    init(
        emailChangeAllowed: Bool, displaynameChangeAllowed: Bool, passwordRegistrationEnabled: Bool,
        passwordRegistrationEmailRequired: Bool, passwordChangeAllowed: Bool, passwordRecoveryEnabled: Bool,
        accountDeactivationAllowed: Bool, loginWithEmailAllowed: Bool, registrationTokenRequired: Bool
    ) {
        self.emailChangeAllowed = emailChangeAllowed
        self.displaynameChangeAllowed = displaynameChangeAllowed
        self.passwordRegistrationEnabled = passwordRegistrationEnabled
        self.passwordRegistrationEmailRequired = passwordRegistrationEmailRequired
        self.passwordChangeAllowed = passwordChangeAllowed
        self.passwordRecoveryEnabled = passwordRecoveryEnabled
        self.accountDeactivationAllowed = accountDeactivationAllowed
        self.loginWithEmailAllowed = loginWithEmailAllowed
        self.registrationTokenRequired = registrationTokenRequired
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Self.default
        emailChangeAllowed = try c.decode(.emailChangeAllowed, default: d.emailChangeAllowed)
        displaynameChangeAllowed = try c.decode(.displaynameChangeAllowed, default: d.displaynameChangeAllowed)
        passwordRegistrationEnabled = try c.decode(.passwordRegistrationEnabled, default: d.passwordRegistrationEnabled)
        passwordRegistrationEmailRequired = try c.decode(.passwordRegistrationEmailRequired, default: d.passwordRegistrationEmailRequired)
        passwordChangeAllowed = try c.decode(.passwordChangeAllowed, default: d.passwordChangeAllowed)
        passwordRecoveryEnabled = try c.decode(.passwordRecoveryEnabled, default: d.passwordRecoveryEnabled)
        accountDeactivationAllowed = try c.decode(.accountDeactivationAllowed, default: d.accountDeactivationAllowed)
        loginWithEmailAllowed = try c.decode(.loginWithEmailAllowed, default: d.loginWithEmailAllowed)
        registrationTokenRequired = try c.decode(.registrationTokenRequired, default: d.registrationTokenRequired)
    }
}
