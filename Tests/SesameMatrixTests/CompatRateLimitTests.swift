import Foundation
import SesameMatrix
import SesameModel
import Testing

@Suite("Compat login rate limits")
struct CompatRateLimitTests {
    @Test("the sixth login attempt from one IP within the burst is M_LIMIT_EXCEEDED with retry_after_ms")
    func perIPLimit() async throws {
        try await CompatHarness.with(perIP: RateLimitRule(burst: 5, perSecond: 5.0 / 60)) { harness in
            try await harness.user()
            for _ in 0..<5 {
                let error = await matrixError {
                    _ = try await harness.service.login(json: CompatHarness.passwordLogin(password: "wrong"), ip: "198.51.100.7", userAgent: nil)
                }
                #expect(error == .invalidCredentials)
            }
            let limited = await matrixError { _ = try await harness.login(ip: "198.51.100.7") }
            #expect(limited?.errcode == "M_LIMIT_EXCEEDED")
            #expect(limited?.status == 429)
            #expect((limited?.retryAfterMilliseconds ?? 0) > 0)
            // Another address is not affected, and the bucket refills with time.
            _ = try await harness.login(ip: "198.51.100.8")
            harness.clock.advance(by: 13)
            _ = try await harness.login(ip: "198.51.100.7")
        }
    }

    @Test("guesses at one account from many addresses hit the per-account limit")
    func perAccountLimit() async throws {
        try await CompatHarness.with(perAccount: RateLimitRule(burst: 2, perSecond: 1.0 / 60)) { harness in
            try await harness.user()
            for index in 0..<2 {
                _ = await matrixError {
                    _ = try await harness.service.login(json: CompatHarness.passwordLogin(password: "wrong"), ip: "203.0.113.\(index)", userAgent: nil)
                }
            }
            let limited = await matrixError { _ = try await harness.login(ip: "203.0.113.99") }
            #expect(limited?.errcode == "M_LIMIT_EXCEEDED")
        }
    }
}
