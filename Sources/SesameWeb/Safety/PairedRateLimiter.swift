import Foundation
import SesameModel

/// Two buckets charged together on every attempt, as MAS's `rate_limiting.account_recovery` and
/// `email_authentication`: one per client IP and one per target (an email address).
public struct PairedRateLimiter: Sendable {
    public let perIP: RateLimiter
    public let perTarget: RateLimiter

    /// Creates the pair from the configured rules.
    public init(perIP: RateLimitRule, perTarget: RateLimitRule, clock: any WallClock) {
        self.perIP = RateLimiter(rule: perIP, clock: clock)
        self.perTarget = RateLimiter(rule: perTarget, clock: clock)
    }

    /// Takes a token from both buckets (the IP's only when it is known). Refused when either is
    /// empty; nothing is charged then, so a refused attempt does not prolong the wait.
    public func check(ip: String?, target: String) -> RateLimitDecision {
        let ipKey = ip.map { "ip:\($0)" }
        let targetKey = "target:\(target.lowercased())"
        for decision in [ipKey.map { perIP.peek($0) } ?? .allowed, perTarget.peek(targetKey)] where !decision.isAllowed {
            return decision
        }
        if let ipKey { _ = perIP.check(ipKey) }
        return perTarget.check(targetKey)
    }
}
