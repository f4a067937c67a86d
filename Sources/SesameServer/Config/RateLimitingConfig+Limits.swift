import SesameModel
import SesameWeb

extension RateLimit {
    /// The limiter rule this entry describes.
    var rule: RateLimitRule { RateLimitRule(burst: burst, perSecond: perSecond) }
}

extension RateLimitingConfig {
    /// Every bucket by its config key, for validation.
    var rules: [(String, RateLimit)] {
        [
            ("login.per_ip", login.perIP), ("login.per_account", login.perTarget), ("registration", registration),
            ("account_recovery.per_ip", accountRecovery.perIP), ("account_recovery.per_address", accountRecovery.perTarget),
            ("email_authentication.per_ip", emailAuthentication.perIP), ("email_authentication.per_address", emailAuthentication.perTarget),
        ]
    }

    /// The rate limiters these settings describe, reading time from `clock`.
    func limits(clock: any WallClock) -> RateLimits {
        RateLimits(
            login: LoginRateLimiter(perIP: login.perIP.rule, perAccount: login.perTarget.rule, clock: clock),
            registration: RateLimiter(rule: registration.rule, clock: clock),
            accountRecovery: PairedRateLimiter(perIP: accountRecovery.perIP.rule, perTarget: accountRecovery.perTarget.rule, clock: clock),
            emailAuthentication: PairedRateLimiter(
                perIP: emailAuthentication.perIP.rule, perTarget: emailAuthentication.perTarget.rule, clock: clock
            ),
            deviceCodeGuesses: RateLimits.deviceCodeGuessLimit(clock: clock)
        )
    }
}
