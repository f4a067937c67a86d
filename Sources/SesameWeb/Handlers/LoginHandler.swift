import Foundation
import Hummingbird
import SesameModel
import SesameOAuth

/// `GET|POST /login`: username and password. A wrong username and a wrong password get the same
/// answer, and the same rate limit, so the page does not reveal who has an account.
struct LoginHandler: Sendable {
    let environment: WebEnvironment

    /// Where to go after signing in when no `next` was given.
    static let home = "/login"

    func show(_ request: Request) async throws -> Response {
        let visitor = try await environment.visitor(for: request)
        let strings = environment.strings
        guard environment.options.passwordLoginEnabled else { return disabled(visitor: visitor) }
        let query = environment.query(request)
        let next = LocalPath.validated(try? query.single("next"))
        if let user = visitor.user, next == nil {
            let page = Page.message(
                title: strings["login_signed_in_title"], paragraphs: [strings.format("login_signed_in_body", ["user": user.username.rawValue])]
            )
            return environment.respond(page, visitor: visitor)
        }
        let hint = (try? query.single("login_hint")).flatMap {
            LoginHint.username(from: $0, serverName: environment.services.settings.matrixServerName)
        }
        let page = try await loginPage(
            next: next, username: hint ?? visitor.user?.username.rawValue, error: nil,
            notice: visitor.isSignedIn ? strings["login_reauth"] : nil, visitor: visitor
        )
        return environment.respond(page, visitor: visitor)
    }

    func submit(_ request: Request, context: SesameRequestContext) async throws -> Response {
        let form = try await environment.form(request)
        let visitor = try await environment.visitor(for: request)
        guard environment.checkCSRF(form, visitor: visitor) else { return environment.csrfFailure(visitor: visitor) }
        guard environment.options.passwordLoginEnabled else { return disabled(visitor: visitor) }
        let strings = environment.strings
        let next = LocalPath.validated(try? form.single("next"))
        let typed = (try? form.single("username")) ?? ""
        let password = (try? form.single("password")) ?? ""

        let serverName = environment.services.settings.matrixServerName
        let account = Self.username(from: typed, serverName: serverName) ?? typed.lowercased()
        let limiter = environment.rateLimits.login
        if case .limited(let wait) = limiter.admit(ip: context.clientIP, account: account) {
            context.logger.notice("login rate limited", metadata: ["ip": "\(context.clientIP ?? "unknown")"])
            return environment.rateLimited(retryAfter: wait, visitor: visitor)
        }
        guard let user = try await verifiedUser(typed: typed, password: password) else {
            limiter.recordFailure(ip: context.clientIP, account: account)
            var page = try await loginPage(next: next, username: typed, error: strings["login_invalid"], notice: nil, visitor: visitor)
            page.status = .badRequest
            return environment.respond(page, visitor: visitor)
        }
        // Only after the password matched, so these pages reveal nothing to someone guessing.
        if user.deactivatedAt != nil {
            return environment.respond(.message(title: strings["account_deactivated_title"], paragraphs: [strings["account_deactivated_body"]], status: .forbidden), visitor: visitor)
        }
        if user.lockedAt != nil {
            return environment.respond(.message(title: strings["account_locked_title"], paragraphs: [strings["account_locked_body"]], status: .forbidden), visitor: visitor)
        }
        let signedIn = try await SignIn(environment: environment).signIn(user, method: .password, request: request, visitor: visitor)
        return environment.redirect(to: next ?? Self.home, visitor: signedIn)
    }

    /// The user `typed` names when `password` is theirs. `@alice:server` and `alice` both name alice.
    private func verifiedUser(typed: String, password: String) async throws -> User? {
        guard let username = Self.username(from: typed, serverName: environment.services.settings.matrixServerName), !password.isEmpty else { return nil }
        // An unknown name still costs a password check, so timing does not reveal which names exist.
        let user = try await environment.services.storage.read({ try await $0.users.find(username: username) })
        return try await environment.accounts.verifyPassword(password, for: user) ? user : nil
    }

    /// The localpart a typed login names: trimmed, lower-cased, and taken out of a full Matrix ID on this server.
    static func username(from typed: String, serverName: String) -> String? {
        let text = typed.trimmingCharacters(in: .whitespaces).lowercased()
        guard !text.isEmpty else { return nil }
        guard text.hasPrefix("@") else { return text }
        let parts = text.dropFirst().split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[1] == serverName.lowercased() else { return nil }
        return String(parts[0])
    }

    private func loginPage(next: String?, username: String?, error: String?, notice: String?, visitor: Visitor) async throws -> Page {
        let strings = environment.strings
        var values: [String: Any] = ["csrf": visitor.csrf, "next": next ?? "", "username": username ?? ""]
        if let error { values["error"] = error }
        if let notice { values["notice"] = notice }
        if environment.options.passwordRegistrationEnabled {
            values["registerHref"] = LocalPath.withQuery("/register", [("next", next)])
        }
        if environment.options.email.passwordRecoveryEnabled { values["recoverHref"] = EmailPaths.recover }
        var page = Page(template: "login", title: strings["login_title"], values: values)
        if let next { page.security.formActions = try await SignIn(environment: environment).formActions(continuingTo: next) }
        return page
    }

    private func disabled(visitor: Visitor) -> Response {
        let strings = environment.strings
        return environment.respond(.message(title: strings["login_disabled_title"], paragraphs: [strings["login_disabled_body"]]), visitor: visitor)
    }
}
