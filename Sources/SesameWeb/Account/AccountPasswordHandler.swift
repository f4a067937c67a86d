import Foundation
import Hummingbird
import SesameAccounts
import SesameModel

/// `GET|POST /account/password`: change the password, proving the current one first. The new
/// password must pass the same rules as on the registration page.
struct AccountPasswordHandler: Sendable {
    let environment: WebEnvironment

    private var allowed: Bool { environment.options.account.passwordChangeAllowed && environment.options.passwordLoginEnabled }

    func show(_ request: Request) async throws -> Response {
        let viewer = try await environment.accountViewer(for: request)
        guard allowed else { return environment.accountNotAllowed(visitor: viewer.visitor) }
        return environment.respond(page(viewer, error: nil, notice: nil), visitor: viewer.visitor)
    }

    func submit(_ request: Request) async throws -> Response {
        let (form, viewer) = try await environment.accountPost(request, returnTo: AccountPaths.password)
        guard allowed else { return environment.accountNotAllowed(visitor: viewer.visitor) }
        let strings = environment.strings
        let current = (try? form.single("current_password")) ?? ""
        let new = (try? form.single("new_password")) ?? ""
        let confirmation = (try? form.single("new_password_confirm")) ?? ""

        func refuse(_ message: String) -> Response {
            var page = page(viewer, error: message, notice: nil)
            page.status = .badRequest
            return environment.respond(page, visitor: viewer.visitor)
        }
        // The login page's buckets: a stolen session cookie must not make this an unlimited password oracle.
        let limiter = environment.rateLimits.login
        let ip = environment.clientIP(request)
        if case .limited(let wait) = limiter.admit(ip: ip, account: viewer.user.username.rawValue) {
            return environment.rateLimited(retryAfter: wait, visitor: viewer.visitor)
        }
        guard !current.isEmpty, try await environment.accounts.verifyPassword(current, for: viewer.user) else {
            limiter.recordFailure(ip: ip, account: viewer.user.username.rawValue)
            return refuse(strings["account_password_wrong_current"])
        }
        // The same rules as registration and recovery: length, strength, not built on the username.
        if let problem = PasswordRules(environment: environment).problem(password: new, confirmation: confirmation, username: viewer.user.username.rawValue) {
            return refuse(problem)
        }
        try await environment.accounts.setPassword(username: viewer.user.username.rawValue, password: new)
        return environment.respond(page(viewer, error: nil, notice: strings["account_password_changed"]), visitor: viewer.visitor)
    }

    private func page(_ viewer: AccountViewer, error: String?, notice: String?) -> Page {
        var values: [String: Any] = [
            "csrf": viewer.visitor.csrf, "action": AccountPaths.password, "overviewHref": AccountPaths.overview,
            "username": viewer.user.username.rawValue,
        ]
        if let error { values["error"] = error }
        if let notice { values["notice"] = notice }
        return Page(template: "account_password", title: environment.strings["account_password_title"], values: values)
    }
}
