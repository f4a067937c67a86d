import SesameAPI

extension SiteConfiguration {
    /// What the config file allows, as the admin API's `/site-config` and GraphQL's `siteConfig` report it.
    init(_ config: SesameConfig) {
        self.init(serverName: config.matrix.homeserver)
        passwordLoginEnabled = config.passwords.enabled
        passwordRegistrationEnabled = config.passwords.enabled && config.account.passwordRegistrationEnabled
        passwordRegistrationEmailRequired = config.account.passwordRegistrationEmailRequired
        registrationTokenRequired = config.account.registrationTokenRequired
        emailChangeAllowed = config.account.emailChangeAllowed
        displaynameChangeAllowed = config.account.displaynameChangeAllowed
        passwordChangeAllowed = config.passwords.enabled && config.account.passwordChangeAllowed
        accountRecoveryAllowed = config.passwords.enabled && config.account.passwordRecoveryEnabled
        accountDeactivationAllowed = config.account.accountDeactivationAllowed
        minimumPasswordComplexity = config.passwords.minimumComplexity
    }
}
