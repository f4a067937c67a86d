import Foundation
import Hummingbird
import SesameAccounts
import SesameModel

/// `GET|POST /register`: self-service registration with a password, as MAS does it. The form is
/// checked (username rules and availability on the homeserver, password strength, invite code,
/// terms); then either the account is created at once, or — when an address is required — a
/// code is mailed and the account is created on `/verify-email/{id}` once the code is typed.
/// Either way the new user ends up signed in and sent on to `next` (the OAuth flow it came from).
struct RegisterHandler: Sendable {
    let environment: WebEnvironment

    /// What the form sent.
    private struct Submission {
        var next: String?
        var username: String
        var email: String
        var password: String
        var confirmation: String
        var registrationToken: String
        var acceptedTerms: Bool
    }

    func show(_ request: Request) async throws -> Response {
        let visitor = try await environment.visitor(for: request)
        guard environment.options.passwordRegistrationEnabled else { return closed(visitor: visitor) }
        let query = environment.query(request)
        let next = LocalPath.validated(try? query.single("next"))
        let blank = Submission(
            next: next, username: "", email: "", password: "", confirmation: "",
            registrationToken: (try? query.single("token")) ?? "", acceptedTerms: false
        )
        return environment.respond(try await registerPage(blank, error: nil, visitor: visitor), visitor: visitor)
    }

    func submit(_ request: Request) async throws -> Response {
        let form = try await environment.form(request)
        let visitor = try await environment.visitor(for: request)
        guard environment.checkCSRF(form, visitor: visitor) else { return environment.csrfFailure(visitor: visitor) }
        guard environment.options.passwordRegistrationEnabled else { return closed(visitor: visitor) }
        let options = environment.options.email
        let strings = environment.strings
        let submission = Submission(
            next: LocalPath.validated(try? form.single("next")),
            username: ((try? form.single("username")) ?? "").trimmingCharacters(in: .whitespaces),
            email: ((try? form.single("email")) ?? "").trimmingCharacters(in: .whitespaces),
            password: (try? form.single("password")) ?? "",
            confirmation: (try? form.single("password_confirm")) ?? "",
            registrationToken: ((try? form.single("registration_token")) ?? "").trimmingCharacters(in: .whitespaces),
            acceptedTerms: (try? form.single("accept_terms")) == "on"
        )

        func refuse(_ message: String) async throws -> Response {
            var page = try await registerPage(submission, error: message, visitor: visitor)
            page.status = .badRequest
            return environment.respond(page, visitor: visitor)
        }

        // Username: the Matrix localpart rules, then free here and on the homeserver.
        let username: Username
        switch Username.validate(submission.username) {
        case .success(let valid): username = valid
        case .failure(let problem):
            let reason = AccountError.invalidUsername(submission.username, problem).description
            return try await refuse(strings.format("register_invalid_username", ["reason": reason]))
        }
        // Matrix spec (Appendices § User Identifiers): the whole `@localpart:server` is at most 255 bytes.
        let serverName = environment.services.settings.matrixServerName
        if "@\(username.rawValue):\(serverName)".utf8.count > 255 {
            return try await refuse(strings.format("register_invalid_username", ["reason": "the Matrix ID @\(username.rawValue.prefix(20))…:\(serverName) would be longer than 255 bytes"]))
        }
        if try await environment.services.storage.read({ try await $0.users.find(username: username.rawValue) }) != nil {
            return try await refuse(strings["register_taken"])
        }
        do {
            guard try await environment.services.homeserver.isLocalpartAvailable(username.rawValue) else {
                return try await refuse(strings["register_taken"])
            }
        } catch {
            return try await refuse(strings["register_homeserver_unavailable"])
        }
        var email: EmailAddress?
        if options.registrationEmailRequired {
            guard let parsed = EmailAddress(submission.email) else { return try await refuse(strings["register_invalid_email"]) }
            email = parsed
        }
        if let problem = PasswordRules(environment: environment)
            .problem(password: submission.password, confirmation: submission.confirmation, username: username.rawValue) {
            return try await refuse(problem)
        }
        var registrationToken: RegistrationToken?
        if options.registrationTokenRequired {
            registrationToken = try await environment.accounts.usableRegistrationToken(submission.registrationToken)
            guard registrationToken != nil else { return try await refuse(strings["register_invalid_token"]) }
        }
        if options.termsOfServiceURI != nil, !submission.acceptedTerms {
            return try await refuse(strings["register_terms_required"])
        }

        // Only a form that passed every check counts against the registration limit.
        let ip = environment.clientIP(request)
        if let ip, case .limited(let wait) = environment.rateLimits.registration.check("ip:\(ip)") {
            return environment.rateLimited(retryAfter: wait, visitor: visitor)
        }
        if let email {
            if case .limited(let wait) = environment.rateLimits.emailAuthentication.check(ip: ip, target: email.rawValue) {
                return environment.rateLimited(retryAfter: wait, visitor: visitor)
            }
            let (verification, code) = try await environment.accounts.beginRegistration(
                username: username, password: submission.password, email: email, registrationTokenID: registrationToken?.id, next: submission.next
            )
            let sent = await environment.outbox.sendCode(
                code, to: email.rawValue, reason: .registration, serverName: serverName
            )
            guard sent else { return try await refuse(strings["register_mail_failed"]) }
            return environment.redirect(to: EmailPaths.verify(verification.id), visitor: visitor)
        }

        let user: User
        do {
            user = try await environment.accounts.registerNow(
                username: username, password: submission.password, registrationTokenID: registrationToken?.id
            )
        } catch AccountError.usernameTaken {
            return try await refuse(strings["register_taken"])
        } catch RegistrationError.registrationTokenUnusable {
            return try await refuse(strings["register_invalid_token"])
        }
        let signedIn = try await SignIn(environment: environment).signIn(user, method: .registration, request: request, visitor: visitor)
        return environment.redirect(to: submission.next ?? LoginHandler.home, visitor: signedIn)
    }

    private func registerPage(_ submission: Submission, error: String?, visitor: Visitor) async throws -> Page {
        let options = environment.options.email
        var values: [String: Any] = [
            "csrf": visitor.csrf, "next": submission.next ?? "", "username": submission.username,
            "loginHref": LocalPath.withQuery("/login", [("next", submission.next)]),
        ]
        if options.registrationEmailRequired { values["askEmail"] = ["value": submission.email] }
        if options.registrationTokenRequired { values["askToken"] = ["value": submission.registrationToken] }
        if let terms = options.termsOfServiceURI {
            values["askTerms"] = ["href": terms, "checked": submission.acceptedTerms]
        }
        if let error { values["error"] = error }
        var page = Page(template: "register", title: environment.strings["register_title"], values: values)
        if let next = submission.next { page.security.formActions = try await SignIn(environment: environment).formActions(continuingTo: next) }
        return page
    }

    private func closed(visitor: Visitor) -> Response {
        let strings = environment.strings
        return environment.respond(.message(title: strings["register_disabled_title"], paragraphs: [strings["register_disabled_body"]]), visitor: visitor)
    }
}
