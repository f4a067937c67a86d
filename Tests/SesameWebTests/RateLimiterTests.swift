import Foundation
import SesameModel
import SesameWeb
import Testing

@Suite("Token-bucket rate limiter")
struct RateLimiterTests {
    @Test("a key gets its burst at once, then is refused with the time until the next token")
    func burstThenLimited() {
        let clock = ManualWallClock()
        let limiter = RateLimiter(rule: RateLimitRule(burst: 3, perSecond: 1.0 / 20), clock: clock)
        for _ in 0..<3 { #expect(limiter.check("alice") == .allowed) }
        #expect(limiter.check("alice") == .limited(retryAfter: 20))
        // Another key has its own bucket.
        #expect(limiter.check("bob") == .allowed)
    }

    @Test("the bucket refills at the configured rate, never beyond the burst")
    func refill() {
        let clock = ManualWallClock()
        let limiter = RateLimiter(rule: RateLimitRule(burst: 2, perSecond: 0.5), clock: clock)
        #expect(limiter.check("k") == .allowed)
        #expect(limiter.check("k") == .allowed)
        clock.advance(by: 1)
        #expect(limiter.check("k") == .limited(retryAfter: 1))
        clock.advance(by: 1)
        #expect(limiter.check("k") == .allowed)
        clock.advance(by: 3600)
        #expect(limiter.check("k") == .allowed)
        #expect(limiter.check("k") == .allowed)
        #expect(!limiter.check("k").isAllowed)
    }

    @Test("peek answers without taking a token")
    func peekDoesNotCharge() {
        let limiter = RateLimiter(rule: RateLimitRule(burst: 1, perSecond: 0.01), clock: ManualWallClock())
        for _ in 0..<5 { #expect(limiter.peek("k") == .allowed) }
        #expect(limiter.check("k") == .allowed)
        #expect(!limiter.peek("k").isAllowed)
    }

    @Test("memory stays bounded: old keys are forgotten once the limit of keys is reached")
    func boundedMemory() {
        let clock = ManualWallClock()
        let limiter = RateLimiter(rule: RateLimitRule(burst: 1, perSecond: 0.001), clock: clock, maximumKeys: 100)
        for index in 0..<1_000 {
            _ = limiter.check("ip-\(index)")
            clock.advance(by: 0.01)
        }
        #expect(limiter.keyCount <= 100)
        // The most recent keys are still remembered (and still limited).
        #expect(!limiter.check("ip-999").isAllowed)
    }

    @Test("login limits charge wrong passwords only, per IP and per account")
    func loginLimiter() {
        let clock = ManualWallClock()
        let login = LoginRateLimiter(
            perIP: RateLimitRule(burst: 10, perSecond: 1.0 / 60), perAccount: RateLimitRule(burst: 2, perSecond: 1.0 / 60), clock: clock
        )
        for _ in 0..<20 { #expect(login.admit(ip: "192.0.2.1", account: "alice") == .allowed) }
        login.recordFailure(ip: "192.0.2.1", account: "alice")
        login.recordFailure(ip: "192.0.2.2", account: "Alice")
        // Two wrong guesses from two addresses exhaust alice's bucket, whatever the address.
        #expect(!login.admit(ip: "192.0.2.3", account: "alice").isAllowed)
        #expect(login.admit(ip: "192.0.2.3", account: "bob") == .allowed)
        clock.advance(by: 60)
        #expect(login.admit(ip: "192.0.2.3", account: "alice") == .allowed)
    }

    @Test("paired limits charge both buckets per mail; a refused attempt charges nothing")
    func pairedLimiter() {
        let clock = ManualWallClock()
        let email = PairedRateLimiter(
            perIP: RateLimitRule(burst: 3, perSecond: 1.0 / 60), perTarget: RateLimitRule(burst: 2, perSecond: 1.0 / 3600), clock: clock
        )
        #expect(email.check(ip: "192.0.2.1", target: "a@example.com") == .allowed)
        #expect(email.check(ip: "192.0.2.1", target: "A@example.com") == .allowed)
        // The address is spent (case does not matter), from any IP; the IP still has one mail left.
        #expect(!email.check(ip: "192.0.2.9", target: "a@example.com").isAllowed)
        #expect(email.check(ip: "192.0.2.1", target: "b@example.com") == .allowed)
        // Now the IP is spent for every address.
        #expect(email.check(ip: "192.0.2.1", target: "c@example.com") == .limited(retryAfter: 60))
        // The refused attempt did not charge c@example.com: another IP may still mail it twice.
        #expect(email.check(ip: "192.0.2.2", target: "c@example.com") == .allowed)
        #expect(email.check(ip: "192.0.2.2", target: "c@example.com") == .allowed)
    }
}
