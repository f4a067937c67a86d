import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SesameAccounts
import SesameCrypto
import SesameEmail
import SesameModel
import SesameOAuth
import SesameStorage
import SesameWeb
import Synchronization
import Testing

/// A `Mailer` that keeps what it was given instead of sending it: the transport's test double,
/// so page tests can read the code or link a person would find in their mailbox.
final class RecordingMailer: Mailer {
    private let sent = Mutex<[OutgoingMail]>([])
    private let failing = Mutex(false)

    func send(_ mail: OutgoingMail) async throws {
        if failing.withLock({ $0 }) { throw RecordingMailerError.transportDown }
        sent.withLock { $0.append(mail) }
    }

    /// Every mail sent so far, oldest first.
    var mails: [OutgoingMail] { sent.withLock { $0 } }

    /// Makes every later `send` fail, as an unreachable SMTP server would.
    func failFromNowOn() { failing.withLock { $0 = true } }

    /// The 6-digit code in the last mail to `address`.
    func lastCode(to address: String) -> String? {
        guard let mail = mails.last(where: { $0.to == address }) else { return nil }
        return mail.text.firstMatch(of: /\b(\d{6})\b/).map { String($0.1) }
    }

    /// The path of the recovery link in the last mail to `address`, waiting up to two seconds for
    /// it (recovery mails leave after the page has answered).
    func recoveryPath(to address: String) async throws -> String? {
        for _ in 0..<200 {
            if let path = lastRecoveryPath(to: address) { return path }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// The path of the recovery link in the last mail to `address`.
    func lastRecoveryPath(to address: String) -> String? {
        guard let mail = mails.last(where: { $0.to == address }),
              let match = mail.text.firstMatch(of: /https:\/\/auth\.example\.com(\/recover\/[A-Za-z0-9]+)/)
        else { return nil }
        return String(match.1)
    }
}

enum RecordingMailerError: Error { case transportDown }

/// The pages over a fresh SQLite file with a recording mailer and the email options under test.
struct MailWebHarness: Sendable {
    let services: OAuthServices
    let clock: ManualWallClock
    let accounts: AccountService
    let browser: Browser
    let mailer: RecordingMailer

    var storage: any Storage { services.storage }

    /// Options with registration open and `email` as given.
    static func options(_ email: EmailPageOptions) -> WebOptions {
        var options = WebOptions(passwordLoginEnabled: true, passwordRegistrationEnabled: true, secureCookies: true)
        options.email = email
        return options
    }

    /// Runs `body` against the pages; email sending is generously rate limited unless `rateLimits` says otherwise.
    static func with(
        email: EmailPageOptions = EmailPageOptions(registrationEmailRequired: true, passwordRecoveryEnabled: true),
        rateLimits: (@Sendable (any WallClock) -> RateLimits)? = nil,
        _ body: @escaping @Sendable (MailWebHarness) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-mail-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = try await StorageFactory.open(.sqlite(path: folder.appendingPathComponent("db").path), logger: Logger(label: "test"))
        _ = try await storage.migrate()
        var settings = OAuthSettings(issuer: "https://auth.example.com/")
        settings.matrixServerName = "example.com"
        let clock = ManualWallClock(step: 0.001)
        let services = OAuthServices(
            storage: storage, clock: clock, settings: settings, signingKeys: try await SigningKeySet.shared(),
            secretBox: SecretBox(key: EncryptionKey.generate())
        )
        let accounts = AccountService(storage: storage, hasher: try PasswordHasher(schemes: [1: .bcrypt(cost: 4)], currentVersion: 1), clock: clock)
        let mailer = RecordingMailer()
        let limits = rateLimits?(clock) ?? generousLimits(clock)
        let router = Router(context: SesameRequestContext.self)
        WebRoutes(services: services, accounts: accounts, options: options(email), rateLimits: limits, mailer: mailer).register(on: router)
        let app = Application(router: router)
        do {
            try await app.test(.router) { client in
                try await body(MailWebHarness(services: services, clock: clock, accounts: accounts, browser: Browser(client: client), mailer: mailer))
            }
            await storage.close()
        } catch {
            await storage.close()
            throw error
        }
    }

    /// Limits high enough that only the rate-limit tests meet them.
    static func generousLimits(_ clock: any WallClock) -> RateLimits {
        let wide = RateLimitRule(burst: 1000, perSecond: 1000)
        return RateLimits(
            login: .masDefaults(clock: clock), registration: RateLimiter(rule: wide, clock: clock),
            accountRecovery: PairedRateLimiter(perIP: wide, perTarget: wide, clock: clock),
            emailAuthentication: PairedRateLimiter(perIP: wide, perTarget: wide, clock: clock)
        )
    }

    /// A user with a password and a confirmed address `name@example.com`.
    @discardableResult
    func user(_ name: String = "alice", password: String = "correct horse battery") async throws -> User {
        try await accounts.register(username: name, password: password, email: "\(name)@example.com", canRequestAdmin: false)
    }

    /// Stores a public client with PKCE redirecting to `https://app.example.com/callback`.
    func client() async throws -> OAuthClient {
        let now = clock.now()
        let client = OAuthClient(
            id: ClientID(date: now), clientName: "Example App", clientURI: "https://app.example.com/",
            redirectURIs: ["https://app.example.com/callback"], grantTypes: [.authorizationCode, .refreshToken], createdAt: now
        )
        try await storage.transaction { try await $0.oauthClients.add(client) }
        return client
    }

    /// Signs the browser in through the login page; returns the response.
    @discardableResult
    func signIn(_ username: String = "alice", password: String = "correct horse battery", browser: Browser? = nil) async throws -> WebResponse {
        let browser = browser ?? self.browser
        let page = try await browser.get("/login")
        return try await browser.post("/login", ["csrf": try #require(page.csrf), "username": username, "password": password])
    }

    /// Fills in the registration form.
    func submitRegistration(_ fields: [String: String], next: String? = nil) async throws -> WebResponse {
        let page = try await browser.get(next.map { "/register?next=\(formEncode(["x": $0]).dropFirst(2))" } ?? "/register")
        var form = ["csrf": try #require(page.csrf), "password": "long enough secret", "password_confirm": "long enough secret"]
        if let next { form["next"] = next }
        for (key, value) in fields { form[key] = value }
        return try await browser.post("/register", form)
    }

    /// The CSRF token of the page at `path`.
    func csrf(at path: String) async throws -> String {
        try #require(try await browser.get(path).csrf)
    }
}
