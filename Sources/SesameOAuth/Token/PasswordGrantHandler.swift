import Foundation
import SesameAccounts
import SesameModel
import SesameStorage

/// `grant_type=password` (RFC 6749 §4.3): the client sends the user's own username and password.
/// RFC 9700 §2.4 says not to use it, so only clients registered for it (static clients that opt in)
/// may; it exists for first-party tools and migrations.
struct PasswordGrantHandler: Sendable {
    let services: OAuthServices
    let accounts: AccountService

    /// Refused credentials never say whether the username or the password was wrong.
    static let wrongCredentials = OAuthError.invalidGrant("invalid username or password")

    func handle(form: FormParameters, client: OAuthClient, clientIP: String? = nil) async -> Result<TokenResponse, OAuthError> {
        let username: String, password: String, scope: Scope
        do throws(OAuthError) {
            username = try form.required("username")
            password = try form.required("password")
            scope = try RequestedScope.parse(form)
        } catch {
            return .failure(error)
        }
        // Guesses here draw from the login page's buckets: the grant must not be a way around them.
        let account = localpart(of: username).lowercased()
        if let limiter = services.loginLimiter, case .limited(let wait) = limiter.admit(ip: clientIP, account: account) {
            let seconds = max(1, Int(wait.rounded(.up)))
            return .failure(OAuthError(.invalidGrant, "too many failed sign-in attempts; try again in \(seconds) seconds", retryAfter: seconds))
        }
        let user: User
        switch await authenticate(username: username, password: password) {
        case .success(let found): user = found
        case .failure(let error):
            if error == Self.wrongCredentials { services.loginLimiter?.recordFailure(ip: clientIP, account: account) }
            return .failure(error)
        }
        do throws(OAuthError) {
            // Only after the password proved who is asking does the answer reveal the account's state.
            _ = try AccountStanding.requireActive(user)
            try ScopePolicy(settings: services.settings).check(scope, client: client, subject: .user(user))
        } catch {
            return .failure(error)
        }
        if let refusal = await DeviceRegistration(services: services).ensureDevice(for: scope, user: user, client: client) {
            return .failure(refusal)
        }
        let now = services.clock.now()
        return await services.transaction { repositories in
            let session = OAuthSession(id: OAuthSessionID(date: now), clientID: client.id, userID: user.id, scope: scope, createdAt: now)
            try await repositories.oauthSessions.add(session)
            // The user authenticated with this very request.
            let response = try await TokenResponseBuilder(services: services).respond(
                session: session, client: client, user: user, withRefreshToken: client.grantTypes.contains(.refreshToken),
                authTime: now, at: now, in: repositories
            )
            return .success(response)
        }
    }

    /// The user named `username` (a localpart, or a full `@localpart:server` Matrix ID on this
    /// server) when `password` is theirs. The password check re-hashes outdated hashes; it runs
    /// outside the token transaction because hashing takes tens of milliseconds.
    private func authenticate(username: String, password: String) async -> Result<User, OAuthError> {
        let localpart = localpart(of: username)
        switch await services.read({ try await $0.users.find(username: localpart) }) {
        case .failure(let error):
            return .failure(error)
        case .success(let found):
            do {
                guard try await accounts.verifyPassword(password, for: found), let user = found else { return .failure(Self.wrongCredentials) }
                return .success(user)
            } catch {
                return .failure(.serverError())
            }
        }
    }

    private func localpart(of username: String) -> String {
        let suffix = ":" + services.settings.matrixServerName
        guard username.hasPrefix("@"), username.hasSuffix(suffix) else { return username }
        return String(username.dropFirst().dropLast(suffix.count))
    }
}
