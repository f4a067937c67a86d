import Foundation
import SesameModel

/// Every rate limiter the pages use, built once from `rate_limiting` and shared by all requests
/// (and, for logins, with the Matrix compat `/login`).
public struct RateLimits: Sendable {
    /// Wrong passwords per IP and per account (`rate_limiting.login`).
    public let login: LoginRateLimiter
    /// Registrations per IP (`rate_limiting.registration`).
    public let registration: RateLimiter
    /// Recovery emails per IP and per address (`rate_limiting.account_recovery`).
    public let accountRecovery: PairedRateLimiter
    /// Verification-code emails per IP and per address (`rate_limiting.email_authentication`).
    public let emailAuthentication: PairedRateLimiter
    /// Wrong device-flow user codes typed at `/link`, per IP and per signed-in user (RFC 8628 §5.1:
    /// the short user code must not be guessable by trying). Nil leaves the page unlimited.
    public let deviceCodeGuesses: LoginRateLimiter?

    /// Gathers the limiters.
    public init(
        login: LoginRateLimiter, registration: RateLimiter, accountRecovery: PairedRateLimiter, emailAuthentication: PairedRateLimiter,
        deviceCodeGuesses: LoginRateLimiter? = nil
    ) {
        self.login = login
        self.registration = registration
        self.accountRecovery = accountRecovery
        self.emailAuthentication = emailAuthentication
        self.deviceCodeGuesses = deviceCodeGuesses
    }

    /// Ten wrong codes, then one more every six minutes, per IP and per user: a person mistyping
    /// never notices; guessing an 8-letter code this way would take centuries. (MAS has no such
    /// setting, so this one is fixed.)
    public static func deviceCodeGuessLimit(clock: any WallClock) -> LoginRateLimiter {
        let rule = RateLimitRule(burst: 10, perSecond: 10.0 / 3600)
        return LoginRateLimiter(perIP: rule, perAccount: rule, clock: clock)
    }

    /// MAS's default limits.
    public static func masDefaults(clock: any WallClock) -> RateLimits {
        RateLimits(
            login: .masDefaults(clock: clock),
            registration: RateLimiter(rule: RateLimitRule(burst: 3, perSecond: 3.0 / 3600), clock: clock),
            accountRecovery: PairedRateLimiter(
                perIP: RateLimitRule(burst: 3, perSecond: 3.0 / 3600), perTarget: RateLimitRule(burst: 3, perSecond: 3.0 / 3600), clock: clock
            ),
            emailAuthentication: PairedRateLimiter(
                perIP: RateLimitRule(burst: 5, perSecond: 1.0 / 60), perTarget: RateLimitRule(burst: 3, perSecond: 1.0 / 3600), clock: clock
            ),
            deviceCodeGuesses: deviceCodeGuessLimit(clock: clock)
        )
    }
}
