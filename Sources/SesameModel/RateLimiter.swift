import Foundation
import Synchronization

/// A token bucket's parameters, as MAS's `rate_limiting` entries: `burst` attempts at once,
/// refilled at `perSecond`.
public struct RateLimitRule: Sendable, Equatable {
    public var burst: Int
    public var perSecond: Double

    /// Creates a rule.
    public init(burst: Int, perSecond: Double) {
        self.burst = burst
        self.perSecond = perSecond
    }
}

/// What a rate limiter answers for one attempt.
public enum RateLimitDecision: Sendable, Equatable {
    case allowed
    /// Refused; the next attempt will be allowed after this many seconds.
    case limited(retryAfter: TimeInterval)

    /// True for `.allowed`.
    public var isAllowed: Bool { self == .allowed }
}

/// In-memory token buckets keyed by a string (an IP address, an account, an email address). One
/// process's view, which is what a single instance needs. Memory is bounded: once `maximumKeys`
/// buckets are held, the ones that have refilled completely (indistinguishable from new ones) are
/// forgotten, and if that is not enough, the longest unused.
public final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updatedAt: Date
    }

    public let rule: RateLimitRule
    private let clock: any WallClock
    private let maximumKeys: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    /// Creates a limiter applying `rule`, reading time from `clock`.
    public init(rule: RateLimitRule, clock: any WallClock, maximumKeys: Int = 10_000) {
        self.rule = rule
        self.clock = clock
        self.maximumKeys = max(1, maximumKeys)
    }

    /// Takes one token for `key`: `.allowed` when there was one, else how long until there is.
    public func check(_ key: String) -> RateLimitDecision {
        update(key, take: true)
    }

    /// Whether `check` would allow `key` now, without taking a token (for limits charged only on
    /// failure, such as wrong passwords).
    public func peek(_ key: String) -> RateLimitDecision {
        update(key, take: false)
    }

    /// How many keys are held (for tests of the memory bound).
    public var keyCount: Int { buckets.withLock { $0.count } }

    private func update(_ key: String, take: Bool) -> RateLimitDecision {
        let now = clock.now()
        let rule = rule
        return buckets.withLock { buckets in
            var bucket = buckets[key].map { Bucket(tokens: Self.refilled($0, rule: rule, now: now), updatedAt: now) }
                ?? Bucket(tokens: Double(rule.burst), updatedAt: now)
            guard bucket.tokens >= 1 else {
                if buckets[key] != nil { buckets[key] = bucket }
                return .limited(retryAfter: rule.perSecond > 0 ? (1 - bucket.tokens) / rule.perSecond : .infinity)
            }
            guard take else { return .allowed }
            bucket.tokens -= 1
            if buckets[key] == nil, buckets.count >= maximumKeys { evict(from: &buckets, now: now) }
            buckets[key] = bucket
            return .allowed
        }
    }

    /// Frees room for more keys: full buckets first, then the longest-unused tenth, so that under
    /// a flood of new keys the sort is paid once per many insertions, not on every one.
    private func evict(from buckets: inout [String: Bucket], now: Date) {
        let rule = rule
        buckets = buckets.filter { Self.refilled($0.value, rule: rule, now: now) < Double(rule.burst) }
        guard buckets.count >= maximumKeys else { return }
        let excess = buckets.count - maximumKeys + max(1, maximumKeys / 10)
        for (key, _) in buckets.sorted(by: { $0.value.updatedAt < $1.value.updatedAt }).prefix(excess) {
            buckets[key] = nil
        }
    }

    private static func refilled(_ bucket: Bucket, rule: RateLimitRule, now: Date) -> Double {
        min(Double(rule.burst), bucket.tokens + max(0, now.timeIntervalSince(bucket.updatedAt)) * rule.perSecond)
    }
}
