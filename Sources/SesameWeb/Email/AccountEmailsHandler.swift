import Foundation
import Hummingbird
import SesameAccounts
import SesameModel

/// `/account/emails`: the signed-in user's addresses; adding one (a code is mailed and typed on
/// `/verify-email/{id}`) and removing one (`account.email_change_allowed`).
struct AccountEmailsHandler: Sendable {
    let environment: WebEnvironment

    func list(_ request: Request) async throws -> Response {
        let viewer = try await environment.accountViewer(for: request)
        let added = (try? environment.query(request).single("added")) == "1"
        let page = try await page(viewer, typed: "", error: nil, notice: added ? environment.strings["emails_added"] : nil)
        return environment.respond(page, visitor: viewer.visitor)
    }

    func add(_ request: Request) async throws -> Response {
        let (form, viewer) = try await environment.accountPost(request, returnTo: EmailPaths.emails)
        guard environment.options.email.emailChangeAllowed else { return environment.accountNotAllowed(visitor: viewer.visitor) }
        try await environment.requireRecentSignIn(viewer, returnTo: EmailPaths.emails)
        let strings = environment.strings
        let typed = (try? form.single("email")) ?? ""
        func refuse(_ message: String) async throws -> Response {
            var page = try await page(viewer, typed: typed, error: message, notice: nil)
            page.status = .badRequest
            return environment.respond(page, visitor: viewer.visitor)
        }
        guard let email = EmailAddress(typed) else { return try await refuse(strings["emails_invalid"]) }
        let existing = try await environment.accounts.emails(of: viewer.user.id)
        if existing.contains(where: { $0.email.lowercased() == email.rawValue.lowercased() && $0.confirmedAt != nil }) {
            return try await refuse(strings["emails_already_added"])
        }
        // Per address and IP, and per user: nobody can make Sesame mail many addresses or one address many times.
        let limits = environment.rateLimits.emailAuthentication
        for decision in [limits.check(ip: environment.clientIP(request), target: email.rawValue), limits.check(ip: nil, target: "user:\(viewer.user.id)")] {
            if case .limited(let wait) = decision { return environment.rateLimited(retryAfter: wait, visitor: viewer.visitor) }
        }
        let verifications = EmailVerifications(storage: environment.services.storage, clock: environment.services.clock)
        let (verification, code) = try await verifications.start(email: email, purpose: .addEmail(viewer.user.id))
        guard await environment.outbox.sendCode(code, to: email.rawValue, reason: .addEmail, serverName: environment.services.settings.matrixServerName) else {
            return try await refuse(strings["emails_mail_failed"])
        }
        return environment.redirect(to: EmailPaths.verify(verification.id), visitor: viewer.visitor)
    }

    func remove(_ request: Request, id text: String) async throws -> Response {
        let (_, viewer) = try await environment.accountPost(request, returnTo: EmailPaths.emails)
        guard environment.options.email.emailChangeAllowed else { return environment.accountNotAllowed(visitor: viewer.visitor) }
        guard let id = UserEmailID(text), try await environment.accounts.removeEmail(id, of: viewer.user.id) else {
            return environment.accountNotFound(visitor: viewer.visitor)
        }
        return environment.redirect(to: EmailPaths.emails, visitor: viewer.visitor)
    }

    private func page(_ viewer: AccountViewer, typed: String, error: String?, notice: String?) async throws -> Page {
        let strings = environment.strings
        let canChange = environment.options.email.emailChangeAllowed
        let emails = try await environment.accounts.emails(of: viewer.user.id).map { email -> [String: Any] in
            [
                "email": email.email, "confirmed": email.confirmedAt != nil,
                "status": email.confirmedAt != nil ? strings["emails_confirmed"] : strings["emails_unconfirmed"],
                "removeAction": EmailPaths.removeEmail(email.id), "canRemove": canChange,
                "removeLabel": strings.format("emails_remove_label", ["email": email.email]),
            ]
        }
        var values: [String: Any] = ["csrf": viewer.visitor.csrf, "emails": emails, "typed": typed, "accountHref": "/account/"]
        if emails.isEmpty { values["none"] = strings["emails_none"] }
        if canChange { values["canAdd"] = true }
        if let error { values["error"] = error }
        if let notice { values["notice"] = notice }
        return Page(template: "account_emails", title: strings["emails_title"], values: values)
    }
}
