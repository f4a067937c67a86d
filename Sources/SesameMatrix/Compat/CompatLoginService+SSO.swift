import Foundation
import SesameCrypto
import SesameModel
import SesameStorage

extension CompatLoginService {
    /// `GET /login/sso/redirect?redirectUrl=…`: records a pending SSO login; the caller sends the
    /// browser to the confirmation page for the returned ID.
    public func startSSOLogin(redirectURL: String?) async throws(MatrixError) -> CompatSSOLoginID {
        guard let redirectURL, !redirectURL.isEmpty else { throw .missingParameter("redirectUrl") }
        guard let components = URLComponents(string: redirectURL), let scheme = components.scheme, !scheme.isEmpty,
              components.host != nil || !["http", "https"].contains(scheme.lowercased())
        else { throw .invalidParameter("redirectUrl must be an absolute URL") }
        return try await answering {
            let now = clock.now()
            let login = CompatSSOLogin(id: CompatSSOLoginID(date: now), redirectURI: redirectURL, createdAt: now)
            // The real login token is minted on approval; until then the row holds the hash of one nobody has.
            let placeholder = TokenHash(of: Self.randomLoginToken()).hex
            try await storage.transaction { try await $0.compatSSOLogins.add(login, loginTokenHash: placeholder) }
            return login.id
        }
    }

    /// The SSO login awaiting approval, or nil when unknown, already approved, or too old.
    public func pendingSSOLogin(id: CompatSSOLoginID) async throws -> CompatSSOLogin? {
        guard let login = try await storage.read({ try await $0.compatSSOLogins.find(id: id) }),
              login.status == .pending, clock.now() < login.createdAt.addingTimeInterval(settings.ssoLoginLifetime)
        else { return nil }
        return login
    }

    /// The signed-in user approved the login: mints the single-use login token and returns where
    /// to send the browser (`redirectUrl` with `loginToken` added); nil if the login is no longer pending.
    public func approveSSOLogin(id: CompatSSOLoginID, browserSessionID: BrowserSessionID) async throws -> URL? {
        guard let login = try await pendingSSOLogin(id: id), var components = URLComponents(string: login.redirectURI) else { return nil }
        let token = Self.randomLoginToken()
        let now = clock.now()
        let approved = try await storage.transaction { repositories in
            try await repositories.compatSSOLogins.fulfill(id: id, browserSessionID: browserSessionID, loginTokenHash: TokenHash(of: token).hex, at: now)
        }
        guard approved else { return nil }
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "loginToken", value: token)]
        return components.url
    }

    /// `m.login.token`: redeems an approved SSO login for a session of the user who approved it.
    func exchangeLoginToken(_ token: String, _ options: SessionOptions) async throws -> CompatLoginResponse {
        let now = clock.now()
        let tokenHash = TokenHash(of: token).hex
        let found = try await storage.read { repositories -> (CompatSSOLogin, BrowserSessionID, Date, BrowserSession?, User?)? in
            guard let login = try await repositories.compatSSOLogins.find(loginTokenHash: tokenHash),
                  case .fulfilled(let browserSessionID, let fulfilledAt) = login.status
            else { return nil }
            let browser = try await repositories.browserSessions.find(id: browserSessionID)
            let user = try await browser.asyncFlatMap { try await repositories.users.find(id: $0.userID) }
            return (login, browserSessionID, fulfilledAt, browser, user)
        }
        guard let (login, browserSessionID, fulfilledAt, browser, user) = found else {
            throw MatrixError.invalidLoginToken("Invalid login token")
        }
        guard now < fulfilledAt.addingTimeInterval(settings.loginTokenLifetime) else {
            throw MatrixError.invalidLoginToken("Login token expired")
        }
        guard let browser, browser.isActive, let user else { throw MatrixError.invalidLoginToken("Invalid login token") }
        try Self.requireUsable(user)
        var options = options
        options.browserSessionID = browserSessionID
        options.ssoLoginID = login.id
        return try await startSession(for: user, options)
    }

    /// 32 random letters and digits, as MAS's login tokens.
    static func randomLoginToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<32).map { _ in alphabet.randomElement(using: &generator)! })
    }
}

extension Optional {
    fileprivate func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
