import Foundation
import Hummingbird
import SesameModel

/// `GET|POST /account/deactivate`: after the user confirms by typing their username (or their
/// password), deactivates the account: every session ends, the homeserver deactivates the user
/// (a queued job), and this browser is signed out.
struct AccountDeactivateHandler: Sendable {
    let environment: WebEnvironment

    func show(_ request: Request) async throws -> Response {
        let viewer = try await environment.accountViewer(for: request)
        guard environment.options.account.deactivationAllowed else { return environment.accountNotAllowed(visitor: viewer.visitor) }
        return environment.respond(page(viewer, error: nil), visitor: viewer.visitor)
    }

    func submit(_ request: Request) async throws -> Response {
        let (form, viewer) = try await environment.accountPost(request, returnTo: AccountPaths.deactivate)
        guard environment.options.account.deactivationAllowed else { return environment.accountNotAllowed(visitor: viewer.visitor) }
        let strings = environment.strings
        let typed = (try? form.single("confirm")) ?? ""
        guard try await confirms(typed, viewer, ip: environment.clientIP(request)) else {
            var page = page(viewer, error: strings["account_deactivate_mismatch"])
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

    /// True when `typed` is the user's name (localpart or full Matrix ID) or their password.
    /// Anything else is checked as a password, against the login page's rate limits (throwing the
    /// rate-limit page when they are spent), so this form is no unlimited password oracle.
    private func confirms(_ typed: String, _ viewer: AccountViewer, ip: String?) async throws -> Bool {
        let user = viewer.user
        let text = typed.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return false }
        let serverName = environment.services.settings.matrixServerName
        if text == user.username.rawValue || text == "@\(user.username.rawValue):\(serverName)" { return true }
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

    private func page(_ viewer: AccountViewer, error: String?) -> Page {
        let strings = environment.strings
        var values: [String: Any] = [
            "csrf": viewer.visitor.csrf, "action": AccountPaths.deactivate, "overviewHref": AccountPaths.overview,
            "prompt": strings.format("account_deactivate_prompt", ["user": viewer.user.username.rawValue]),
        ]
        if let error { values["error"] = error }
        return Page(template: "account_deactivate", title: strings["account_deactivate_title"], values: values)
    }
}
