import SesameOAuth

/// `/site-config` and `/version`: facts about this server.
struct ServerOperations {
    /// The version reported by `/version`.
    static let version = "0.1.0"

    let environment: AdminEnvironment
    init(_ environment: AdminEnvironment) { self.environment = environment }

    static let schemas: [String: AdminJSON] = [
        "SiteConfig": AdminSchema.object([
            "server_name": AdminSchema.string, "password_login_enabled": AdminSchema.boolean,
            "password_registration_enabled": AdminSchema.boolean, "password_registration_email_required": AdminSchema.boolean,
            "password_registration_token_required": AdminSchema.boolean, "email_change_allowed": AdminSchema.boolean,
            "displayname_change_allowed": AdminSchema.boolean, "password_change_allowed": AdminSchema.boolean,
            "account_recovery_allowed": AdminSchema.boolean, "account_deactivation_allowed": AdminSchema.boolean,
            "captcha_enabled": AdminSchema.boolean, "minimum_password_complexity": ["type": "integer", "minimum": 0, "maximum": 4],
            "issuer": AdminSchema.string, "public_base": AdminSchema.string,
        ]),
        "Version": AdminSchema.object(["version": AdminSchema.string]),
    ]

    /// MAS's site configuration document, plus the issuer and public base Sesame also reports.
    static func document(_ site: SiteConfiguration, settings: OAuthSettings) -> AdminJSON {
        [
            "server_name": .string(site.serverName), "password_login_enabled": .bool(site.passwordLoginEnabled),
            "password_registration_enabled": .bool(site.passwordRegistrationEnabled),
            "password_registration_email_required": .bool(site.passwordRegistrationEmailRequired),
            "password_registration_token_required": .bool(site.registrationTokenRequired),
            "email_change_allowed": .bool(site.emailChangeAllowed), "displayname_change_allowed": .bool(site.displaynameChangeAllowed),
            "password_change_allowed": .bool(site.passwordChangeAllowed), "account_recovery_allowed": .bool(site.accountRecoveryAllowed),
            "account_deactivation_allowed": .bool(site.accountDeactivationAllowed), "captcha_enabled": .bool(site.captchaEnabled),
            "minimum_password_complexity": .int(site.minimumPasswordComplexity),
            "issuer": .string(settings.issuer), "public_base": .string(settings.publicBase),
        ]
    }

    var all: [AdminOperation] {
        [
            AdminOperation(method: .get, path: "/site-config", operationID: "siteConfig", tag: "server", summary: "Get the site configuration",
                           response: AdminSchema.ref("SiteConfig")) { _ in
                Self.document(environment.site, settings: environment.settings)
            },
            AdminOperation(method: .get, path: "/version", operationID: "version", tag: "server", summary: "Get the version of Sesame",
                           response: AdminSchema.ref("Version")) { _ in
                ["version": .string(Self.version)]
            },
        ]
    }
}
