import Foundation
import Hummingbird
import SesameAccounts
import SesameModel

/// `GET|POST /recover` and `GET|POST /recover/{ticket}` (`account.password_recovery_enabled`):
/// asking for a reset link by email, then choosing a new password through it. The first page
/// answers the same whether or not the address belongs to anyone, so it reveals no accounts.
struct PasswordRecoveryHandler: Sendable {
    let environment: WebEnvironment

    func showStart(_ request: Request) async throws -> Response {
        let visitor = try await environment.visitor(for: request)
        guard environment.options.email.passwordRecoveryEnabled else { return disabled(visitor: visitor) }
        return environment.respond(startPage(email: "", error: nil, visitor: visitor), visitor: visitor)
    }

    func submitStart(_ request: Request) async throws -> Response {
        let form = try await environment.form(request)
        let visitor = try await environment.visitor(for: request)
        guard environment.checkCSRF(form, visitor: visitor) else { return environment.csrfFailure(visitor: visitor) }
        guard environment.options.email.passwordRecoveryEnabled else { return disabled(visitor: visitor) }
        let typed = (try? form.single("email")) ?? ""
        guard let email = EmailAddress(typed) else {
            var page = startPage(email: typed, error: environment.strings["recover_invalid_email"], visitor: visitor)
            page.status = .badRequest
            return environment.respond(page, visitor: visitor)
        }
        if case .limited(let wait) = environment.rateLimits.accountRecovery.check(ip: environment.clientIP(request), target: email.rawValue) {
            return environment.rateLimited(retryAfter: wait, visitor: visitor)
        }
        if let (secret, user) = try await environment.accounts.startPasswordRecovery(email: email) {
            let settings = environment.services.settings
            let outbox = environment.outbox
            // Sent after answering: neither a failure (logged by the outbox) nor the time SMTP takes
            // may make this answer differ from the one for an unknown address.
            Task {
                _ = await outbox.sendRecoveryLink(
                    settings.url(String(EmailPaths.recoveryTicket(secret).dropFirst())), to: email.rawValue, username: user.username.rawValue,
                    serverName: settings.matrixServerName, validMinutes: Int(PasswordRecoveryTicket.lifetime / 60)
                )
            }
        }
        let strings = environment.strings
        return environment.respond(
            .message(title: strings["recover_sent_title"], paragraphs: [strings.format("recover_sent_body", ["email": email.rawValue])]),
            visitor: visitor
        )
    }

    func showTicket(_ request: Request, secret: String) async throws -> Response {
        let visitor = try await environment.visitor(for: request)
        guard environment.options.email.passwordRecoveryEnabled else { return disabled(visitor: visitor) }
        let (_, user) = try await usableTicket(secret, visitor: visitor)
        return environment.respond(ticketPage(secret: secret, user: user, error: nil, visitor: visitor), visitor: visitor)
    }

    func submitTicket(_ request: Request, secret: String) async throws -> Response {
        let form = try await environment.form(request)
        let visitor = try await environment.visitor(for: request)
        guard environment.checkCSRF(form, visitor: visitor) else { return environment.csrfFailure(visitor: visitor) }
        guard environment.options.email.passwordRecoveryEnabled else { return disabled(visitor: visitor) }
        let (ticket, user) = try await usableTicket(secret, visitor: visitor)
        let password = (try? form.single("password")) ?? ""
        let confirmation = (try? form.single("password_confirm")) ?? ""
        if let problem = PasswordRules(environment: environment).problem(password: password, confirmation: confirmation, username: user.username.rawValue) {
            var page = ticketPage(secret: secret, user: user, error: problem, visitor: visitor)
            page.status = .badRequest
            return environment.respond(page, visitor: visitor)
        }
        guard try await environment.accounts.recoverPassword(ticket: ticket, password: password) else {
            return message("recover_used_title", "recover_used_body", status: .gone, visitor: visitor)
        }
        // Every browser session of the user ended; this browser forgets its own if it was one of them.
        var signedOut = visitor
        if visitor.user?.id == user.id {
            signedOut.cookie = .fresh()
            signedOut.cookieChanged = true
            signedOut.session = nil
            signedOut.user = nil
        }
        let strings = environment.strings
        let page = Page(template: "recover_done", title: strings["recover_done_title"], values: ["loginHref": "/login"])
        return environment.respond(page, visitor: signedOut)
    }

    /// The ticket the link names when it can still set a password; otherwise throws the page saying why not.
    private func usableTicket(_ secret: String, visitor: Visitor) async throws -> (PasswordRecoveryTicket, User) {
        switch try await environment.accounts.recoveryTicket(secret: secret) {
        case .usable(let ticket, let user): return (ticket, user)
        case .used: throw EarlyResponse(message("recover_used_title", "recover_used_body", status: .gone, visitor: visitor))
        case .expired: throw EarlyResponse(message("recover_expired_title", "recover_expired_body", status: .gone, visitor: visitor))
        case .unknown: throw EarlyResponse(message("recover_unknown_title", "recover_unknown_body", status: .notFound, visitor: visitor))
        }
    }

    private func startPage(email: String, error: String?, visitor: Visitor) -> Page {
        var values: [String: Any] = ["csrf": visitor.csrf, "email": email, "loginHref": "/login"]
        if let error { values["error"] = error }
        return Page(template: "recover", title: environment.strings["recover_title"], values: values)
    }

    private func ticketPage(secret: String, user: User, error: String?, visitor: Visitor) -> Page {
        var values: [String: Any] = [
            "csrf": visitor.csrf, "action": EmailPaths.recoveryTicket(secret), "username": user.username.rawValue,
            "intro": environment.strings.format("recover_password_intro", ["user": user.username.rawValue]),
        ]
        if let error { values["error"] = error }
        return Page(template: "recover_password", title: environment.strings["recover_password_title"], values: values)
    }

    private func disabled(visitor: Visitor) -> Response {
        message("recover_disabled_title", "recover_disabled_body", status: .notFound, visitor: visitor)
    }

    private func message(_ title: String, _ body: String, status: HTTPResponse.Status, visitor: Visitor) -> Response {
        let strings = environment.strings
        return environment.respond(.message(title: strings[title], paragraphs: [strings[body]], status: status), visitor: visitor)
    }
}
