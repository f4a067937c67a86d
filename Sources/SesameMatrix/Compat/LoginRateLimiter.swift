import Foundation
import SesameModel
import Synchronization

/// A token bucket's parameters: `burst` attempts at once, refilled at `perSecond`.
public struct RateLimitRule: Sendable, Equatable {
    public var burst: Int
    public var perSecond: Double

    /// Creates a rule.
    public init(burst: Int, perSecond: Double) {
        self.burst = burst
        self.perSecond = perSecond
    }
}

/// In-memory token buckets keyed by a string (an IP address, a user ID). One process's view:
/// enough for a single instance, which is what the embedded SQLite deployment is.
public final class TokenBucketLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updatedAt: Date
    }

    /// Buckets that refilled completely are forgotten once this many keys are held.
    private static let pruneThreshold = 10_000

    private let rule: RateLimitRule
    private let clock: any WallClock
    private let buckets = Mutex<[String: Bucket]>([:])

    /// Creates a limiter applying `rule`, reading time from `clock`.
    public init(rule: RateLimitRule, clock: any WallClock) {
        self.rule = rule
        self.clock = clock
    }

    /// Takes one token for `key`; nil when allowed, else how many seconds until one is available.
    public func take(_ key: String) -> TimeInterval? {
        let now = clock.now()
        let rule = rule
        return buckets.withLock { buckets in
            if buckets.count >= Self.pruneThreshold {
                buckets = buckets.filter { Self.refilled($0.value, rule: rule, now: now) < Double(rule.burst) }
            }
            var bucket = buckets[key].map { Bucket(tokens: Self.refilled($0, rule: rule, now: now), updatedAt: now) }
                ?? Bucket(tokens: Double(rule.burst), updatedAt: now)
            defer { buckets[key] = bucket }
            guard bucket.tokens >= 1 else {
                return rule.perSecond > 0 ? (1 - bucket.tokens) / rule.perSecond : .infinity
            }
            bucket.tokens -= 1
            return nil
        }
    }

    private static func refilled(_ bucket: Bucket, rule: RateLimitRule, now: Date) -> Double {
        min(Double(rule.burst), bucket.tokens + max(0, now.timeIntervalSince(bucket.updatedAt)) * rule.perSecond)
    }
}

/// The two buckets a login attempt draws from, as MAS's `rate_limiting.login`: one per client IP
/// (stops one address guessing many accounts) and one per account (stops many addresses guessing one).
public struct LoginRateLimiter: Sendable {
    let perIP: TokenBucketLimiter
    let perAccount: TokenBucketLimiter

    /// Creates the limiter from the configured rules.
    public init(perIP: RateLimitRule, perAccount: RateLimitRule, clock: any WallClock) {
        self.perIP = TokenBucketLimiter(rule: perIP, clock: clock)
        self.perAccount = TokenBucketLimiter(rule: perAccount, clock: clock)
    }

    /// MAS's defaults: 3 per minute per IP, 1800 per hour per account.
    public static func masDefaults(clock: any WallClock) -> LoginRateLimiter {
        LoginRateLimiter(
            perIP: RateLimitRule(burst: 3, perSecond: 3.0 / 60),
            perAccount: RateLimitRule(burst: 1800, perSecond: 1800.0 / 3600), clock: clock
        )
    }

    /// Throws `M_LIMIT_EXCEEDED` when the IP's bucket is empty.
    func checkIP(_ ip: String?) throws(MatrixError) {
        guard let ip, let wait = perIP.take("ip:\(ip)") else { return }
        throw .limitExceeded(retryAfter: wait)
    }

    /// Throws `M_LIMIT_EXCEEDED` when the account's bucket is empty.
    func checkAccount(_ userID: UserID) throws(MatrixError) {
        guard let wait = perAccount.take("user:\(userID)") else { return }
        throw .limitExceeded(retryAfter: wait)
    }
}
