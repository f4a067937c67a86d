import Foundation

/// The two buckets password guesses draw from, as MAS's `rate_limiting.login`: one per client IP
/// (one address guessing many accounts) and one per account (many addresses guessing one). Only
/// wrong passwords are charged, so people who type their password right are never held up; once
/// a bucket is empty every attempt is refused until it refills, the right password included.
/// Shared by the login page and the Matrix compat `/login`, so both draw from the same buckets.
public struct LoginRateLimiter: Sendable {
    public let perIP: RateLimiter
    public let perAccount: RateLimiter

    /// Creates the limiter from the configured rules.
    public init(perIP: RateLimitRule, perAccount: RateLimitRule, clock: any WallClock) {
        self.perIP = RateLimiter(rule: perIP, clock: clock)
        self.perAccount = RateLimiter(rule: perAccount, clock: clock)
    }

    /// MAS's defaults: 3 per minute per IP, 1800 per hour per account.
    public static func masDefaults(clock: any WallClock) -> LoginRateLimiter {
        LoginRateLimiter(
            perIP: RateLimitRule(burst: 3, perSecond: 3.0 / 60),
            perAccount: RateLimitRule(burst: 1800, perSecond: 1800.0 / 3600), clock: clock
        )
    }

    /// Whether an attempt from `ip` at `account` (the localpart as typed, normalised, whether or
    /// not such an account exists, so the answer reveals nothing) may be checked now.
    public func admit(ip: String?, account: String) -> RateLimitDecision {
        let decisions = [ip.map { perIP.peek(Self.ipKey($0)) } ?? .allowed, perAccount.peek(Self.accountKey(account))]
        let waits = decisions.compactMap { decision -> TimeInterval? in
            if case .limited(let wait) = decision { return wait }
            return nil
        }
        return waits.max().map { .limited(retryAfter: $0) } ?? .allowed
    }

    /// Charges a wrong password to both buckets.
    public func recordFailure(ip: String?, account: String) {
        if let ip { _ = perIP.check(Self.ipKey(ip)) }
        _ = perAccount.check(Self.accountKey(account))
    }

    private static func ipKey(_ ip: String) -> String { "ip:\(ip)" }
    private static func accountKey(_ account: String) -> String { "account:\(account.lowercased())" }
}
