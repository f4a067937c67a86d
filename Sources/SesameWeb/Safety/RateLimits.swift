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

    /// Gathers the limiters.
    public init(login: LoginRateLimiter, registration: RateLimiter, accountRecovery: PairedRateLimiter, emailAuthentication: PairedRateLimiter) {
        self.login = login
        self.registration = registration
        self.accountRecovery = accountRecovery
        self.emailAuthentication = emailAuthentication
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
            )
        )
    }
}
