import Foundation
import Hummingbird
import SesameModel

/// `GET|POST /account/deactivate`: after the user confirms with their password (or, for an
/// account without one, by typing their username), deactivates the account: every session ends, the homeserver deactivates the user
/// (a queued job), and this browser is signed out.
struct AccountDeactivateHandler: Sendable {
    let environment: WebEnvironment

    func show(_ request: Request) async throws -> Response {
        let viewer = try await environment.accountViewer(for: request)
        guard environment.options.account.deactivationAllowed else { return environment.accountNotAllowed(visitor: viewer.visitor) }
        return environment.respond(try await page(viewer, error: nil), visitor: viewer.visitor)
    }

    func submit(_ request: Request) async throws -> Response {
        let (form, viewer) = try await environment.accountPost(request, returnTo: AccountPaths.deactivate)
        guard environment.options.account.deactivationAllowed else { return environment.accountNotAllowed(visitor: viewer.visitor) }
        let strings = environment.strings
        let typed = (try? form.single("confirm")) ?? ""
        guard try await confirms(typed, viewer, ip: environment.clientIP(request)) else {
            var page = try await page(viewer, error: strings["account_deactivate_mismatch"])
            page.status = .badRequest
            return environment.respond(page, visitor: viewer.visitor)
        }
        try await environment.accounts.deactivate(username: viewer.user.username.rawValue)
        // Signed out from here on: no header with the name, and the cookie is removed below.
        var visitor = viewer.visitor
        visitor.cookieChanged = false
        visitor.user = nil
        visitor.session = nil
        var response = environment.respond(
            .message(title: strings["account_deactivated_done_title"], paragraphs: [strings["account_deactivated_done_body"]]), visitor: visitor
        )
        if let expired = try? environment.cookies.expiredCookie() { response.setCookie(expired) }
        return response
    }

    /// True when `typed` is the user's password; for an account without a password (made by an
    /// operator without one), their name (localpart or full Matrix ID). A stolen session cookie
    /// alone must not be enough to end an account for good, as in MAS. Passwords are checked
    /// against the login page's rate limits (throwing the rate-limit page when they are spent), so
    /// this form is no unlimited password oracle.
    private func confirms(_ typed: String, _ viewer: AccountViewer, ip: String?) async throws -> Bool {
        let user = viewer.user
        guard !typed.isEmpty else { return false }
        guard try await hasPassword(user) else {
            let text = typed.trimmingCharacters(in: .whitespaces)
            let serverName = environment.services.settings.matrixServerName
            return text == user.username.rawValue || text == "@\(user.username.rawValue):\(serverName)"
        }
        let limiter = environment.rateLimits.login
        if case .limited(let wait) = limiter.admit(ip: ip, account: user.username.rawValue) {
            throw EarlyResponse(environment.rateLimited(retryAfter: wait, visitor: viewer.visitor))
        }
        guard try await environment.accounts.verifyPassword(typed, for: user) else {
            limiter.recordFailure(ip: ip, account: user.username.rawValue)
            return false
        }
        return true
    }

    private func hasPassword(_ user: User) async throws -> Bool {
        try await environment.services.storage.read { try await $0.passwords.current(for: user.id) } != nil
    }

    private func page(_ viewer: AccountViewer, error: String?) async throws -> Page {
        let strings = environment.strings
        let byPassword = try await hasPassword(viewer.user)
        var values: [String: Any] = [
            "csrf": viewer.visitor.csrf, "action": AccountPaths.deactivate, "overviewHref": AccountPaths.overview,
            "prompt": byPassword ? strings["account_deactivate_prompt_password"]
                : strings.format("account_deactivate_prompt", ["user": viewer.user.username.rawValue]),
            "inputType": byPassword ? "password" : "text",
            "autocomplete": byPassword ? "current-password" : "off",
        ]
        if let error { values["error"] = error }
        return Page(template: "account_deactivate", title: strings["account_deactivate_title"], values: values)
    }
}
