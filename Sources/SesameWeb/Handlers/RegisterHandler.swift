import Foundation
import Hummingbird
import SesameAccounts
import SesameModel

/// `GET|POST /register`: the minimal username-and-password registration (the full flow with
/// email verification comes later). The new user is signed in and sent on to `next`.
struct RegisterHandler: Sendable {
    let environment: WebEnvironment

    func show(_ request: Request) async throws -> Response {
        let visitor = try await environment.visitor(for: request)
        guard environment.options.passwordRegistrationEnabled else { return closed(visitor: visitor) }
        let next = LocalPath.validated(try? environment.query(request).single("next"))
        return environment.respond(try await registerPage(next: next, username: nil, error: nil, visitor: visitor), visitor: visitor)
    }

    func submit(_ request: Request) async throws -> Response {
        let form = try await environment.form(request)
        let visitor = try await environment.visitor(for: request)
        guard environment.checkCSRF(form, visitor: visitor) else { return environment.csrfFailure(visitor: visitor) }
        guard environment.options.passwordRegistrationEnabled else { return closed(visitor: visitor) }
        let strings = environment.strings
        let next = LocalPath.validated(try? form.single("next"))
        let username = ((try? form.single("username")) ?? "").trimmingCharacters(in: .whitespaces)
        let password = (try? form.single("password")) ?? ""
        let confirmation = (try? form.single("password_confirm")) ?? ""

        func refuse(_ message: String) async throws -> Response {
            var page = try await registerPage(next: next, username: username, error: message, visitor: visitor)
            page.status = .badRequest
            return environment.respond(page, visitor: visitor)
        }
        guard !password.isEmpty else { return try await refuse(strings["register_empty_password"]) }
        guard password == confirmation else { return try await refuse(strings["register_mismatch"]) }
        let user: User
        do {
            user = try await environment.accounts.register(username: username, password: password, email: nil, canRequestAdmin: false)
        } catch let error as AccountError {
            switch error {
            case .usernameTaken: return try await refuse(strings["register_taken"])
            case .emptyPassword: return try await refuse(strings["register_empty_password"])
            case .invalidUsername, .userNotFound: return try await refuse(strings.format("register_invalid_username", ["reason": error.description]))
            }
        }
        let signedIn = try await SignIn(environment: environment).signIn(user, method: .registration, request: request, visitor: visitor)
        return environment.redirect(to: next ?? LoginHandler.home, visitor: signedIn)
    }

    private func registerPage(next: String?, username: String?, error: String?, visitor: Visitor) async throws -> Page {
        var values: [String: Any] = [
            "csrf": visitor.csrf, "next": next ?? "", "username": username ?? "",
            "loginHref": LocalPath.withQuery("/login", [("next", next)]),
        ]
        if let error { values["error"] = error }
        var page = Page(template: "register", title: environment.strings["register_title"], values: values)
        if let next { page.security.formActions = try await SignIn(environment: environment).formActions(continuingTo: next) }
        return page
    }

    private func closed(visitor: Visitor) -> Response {
        let strings = environment.strings
        return environment.respond(.message(title: strings["register_disabled_title"], paragraphs: [strings["register_disabled_body"]]), visitor: visitor)
    }
}
