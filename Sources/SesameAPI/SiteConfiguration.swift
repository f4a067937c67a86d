/// What this deployment lets people do, as the admin API's `/site-config` and GraphQL's
/// `siteConfig` report it (MAS's `SiteConfig`). Built by the server from its config file.
public struct SiteConfiguration: Sendable, Equatable {
    /// The Matrix server name users belong to.
    public var serverName: String
    public var passwordLoginEnabled = true
    public var passwordRegistrationEnabled = false
    public var passwordRegistrationEmailRequired = true
    public var registrationTokenRequired = false
    public var emailChangeAllowed = true
    public var displaynameChangeAllowed = true
    public var passwordChangeAllowed = true
    public var accountRecoveryAllowed = false
    public var accountDeactivationAllowed = true
    /// Sesame has no CAPTCHA support yet, so this stays false.
    public var captchaEnabled = false
    /// The zxcvbn score (0–4) a new password must reach.
    public var minimumPasswordComplexity = 3

    /// MAS's defaults for `serverName`.
    public init(serverName: String) { self.serverName = serverName }
}
