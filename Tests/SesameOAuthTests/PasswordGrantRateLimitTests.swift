import Foundation
import SesameModel
import SesameOAuth
import SesameStorage
import Testing

/// The password grant draws from the login page's rate-limit buckets, so bots' endpoint is not a
/// way around them.
@Suite("Token endpoint: password grant rate limits")
struct PasswordGrantRateLimitTests {
    private typealias F = TokenFixtures

    private func form(_ username: String, _ password: String) -> FormParameters {
        FormParameters(["grant_type": "password", "username": username, "password": password, "scope": "openid"])
    }

    /// The harness's services with a limiter of 3 wrong guesses per IP and 5 per account.
    private func limited(_ h: OAuthHarness) -> (OAuthServices, LoginRateLimiter) {
        let limiter = LoginRateLimiter(
            perIP: RateLimitRule(burst: 3, perSecond: 1.0 / 60), perAccount: RateLimitRule(burst: 5, perSecond: 1.0 / 60), clock: h.clock
        )
        let s = h.services
        let services = OAuthServices(
            storage: s.storage, clock: s.clock, settings: s.settings, signingKeys: s.signingKeys, secretBox: s.secretBox, loginLimiter: limiter
        )
        return (services, limiter)
    }

    @Test("wrong passwords from one IP run out its bucket: then 429 with Retry-After, even for the right password", arguments: TestBackend.available)
    func perIP(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            _ = try await h.user()
            let client = try await h.client(authMethod: .clientSecretBasic, secret: F.secret, grantTypes: [.password])
            let (services, _) = limited(h)
            let endpoint = TokenEndpoint(services: services, accounts: h.accounts)
            for _ in 0..<3 {
                let wrong = await endpoint.handle(form: form("alice", "wrong"), credentials: F.secretCredentials(client), clientIP: "192.0.2.7")
                #expect(F.failure(of: wrong)?.httpStatus == 400)
            }
            let refused = await endpoint.handle(form: form("alice", "correct horse battery"), credentials: F.secretCredentials(client), clientIP: "192.0.2.7")
            let error = try #require(F.failure(of: refused))
            #expect(error.code == .invalidGrant)
            #expect(error.httpStatus == 429)
            #expect((error.retryAfter ?? 0) > 0)
            // Another address is not held up.
            let elsewhere = await endpoint.handle(form: form("alice", "correct horse battery"), credentials: F.secretCredentials(client), clientIP: "198.51.100.1")
            #expect(F.failure(of: elsewhere) == nil)
            // A minute later one token is back.
            h.clock.advance(by: 61)
            let later = await endpoint.handle(form: form("alice", "correct horse battery"), credentials: F.secretCredentials(client), clientIP: "192.0.2.7")
            #expect(F.failure(of: later) == nil)
        }
    }

    @Test("guesses at one account from many IPs are limited by the account bucket, whether or not it exists", arguments: TestBackend.available)
    func perAccount(backend: TestBackend) async throws {
        try await OAuthHarness.with(backend) { h in
            _ = try await h.user()
            let client = try await h.client(authMethod: .clientSecretBasic, secret: F.secret, grantTypes: [.password])
            let (services, _) = limited(h)
            let endpoint = TokenEndpoint(services: services, accounts: h.accounts)
            for name in ["alice", "nobody"] {
                for attempt in 0..<5 {
                    _ = await endpoint.handle(form: form(name, "wrong"), credentials: F.secretCredentials(client), clientIP: "203.0.113.\(attempt)")
                }
                let refused = await endpoint.handle(form: form(name, "wrong"), credentials: F.secretCredentials(client), clientIP: "203.0.113.99")
                #expect(F.failure(of: refused)?.httpStatus == 429, "account \(name)")
            }
        }
    }

    @Test("right passwords are never charged")
    func rightPasswordsFree() async throws {
        try await OAuthHarness.with { h in
            _ = try await h.user()
            let client = try await h.client(authMethod: .clientSecretBasic, secret: F.secret, grantTypes: [.password])
            let (services, _) = limited(h)
            let endpoint = TokenEndpoint(services: services, accounts: h.accounts)
            for _ in 0..<6 {
                let result = await endpoint.handle(form: form("alice", "correct horse battery"), credentials: F.secretCredentials(client), clientIP: "192.0.2.7")
                #expect(F.failure(of: result) == nil)
            }
        }
    }
}
