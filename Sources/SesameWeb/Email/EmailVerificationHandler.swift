import Foundation
import Hummingbird
import SesameAccounts
import SesameEmail
import SesameModel

/// `GET|POST /verify-email/{id}` and `POST /verify-email/{id}/resend`: typing the 6-digit code
/// that was mailed. A right code finishes what asked for it — a registration (the new user is
/// signed in and continues to where they came from) or an address added on `/account/emails`.
/// Wrong and expired codes are answered on the page; after five wrong codes only a new one helps.
struct EmailVerificationHandler: Sendable {
    let environment: WebEnvironment

    private var verifications: EmailVerifications {
        EmailVerifications(storage: environment.services.storage, clock: environment.services.clock)
    }

    func show(_ request: Request, id text: String) async throws -> Response {
        let visitor = try await environment.visitor(for: request)
        let verification = try await owned(text, request: request, visitor: visitor)
        let sent = (try? environment.query(request).single("sent")) == "1"
        var page = page(verification, error: nil, notice: sent ? environment.strings["verify_resent"] : nil, visitor: visitor)
        page.security.formActions = try await formActions(for: verification)
        return environment.respond(page, visitor: visitor)
    }

    func submit(_ request: Request, id text: String) async throws -> Response {
        let form = try await environment.form(request)
        let visitor = try await environment.visitor(for: request)
        guard environment.checkCSRF(form, visitor: visitor) else { return environment.csrfFailure(visitor: visitor) }
        let verification = try await owned(text, request: request, visitor: visitor)
        let strings = environment.strings
        let formActions = try await formActions(for: verification)
        func retry(_ message: String) -> Response {
            var page = page(verification, error: message, notice: nil, visitor: visitor)
            page.status = .badRequest
            page.security.formActions = formActions
            return environment.respond(page, visitor: visitor)
        }
        switch try await verifications.check(id: verification.id, typed: (try? form.single("code")) ?? "") {
        case .correct(let verified):
            return try await finish(verified, request: request, visitor: visitor)
        case .wrongCode(let left):
            return retry(left == 1 ? strings["verify_wrong_code_last"] : strings.format("verify_wrong_code", ["left": String(left)]))
        case .tooManyAttempts:
            return retry(strings["verify_too_many"])
        case .expired:
            return retry(strings["verify_expired"])
        case .alreadyUsed:
            return used(visitor: visitor)
        case .notFound:
            return notFound(visitor: visitor)
        }
    }

    func resend(_ request: Request, id text: String) async throws -> Response {
        let form = try await environment.form(request)
        let visitor = try await environment.visitor(for: request)
        guard environment.checkCSRF(form, visitor: visitor) else { return environment.csrfFailure(visitor: visitor) }
        let verification = try await owned(text, request: request, visitor: visitor)
        if case .limited(let wait) = environment.rateLimits.emailAuthentication.check(ip: environment.clientIP(request), target: verification.email) {
            return environment.rateLimited(retryAfter: wait, visitor: visitor)
        }
        guard let (fresh, code) = try await verifications.resend(id: verification.id) else { return used(visitor: visitor) }
        let reason: VerificationCodeMail.Reason = if case .registration = fresh.purpose { .registration } else { .addEmail }
        guard await environment.outbox.sendCode(code, to: fresh.email, reason: reason, serverName: environment.services.settings.matrixServerName) else {
            var page = page(fresh, error: environment.strings["verify_mail_failed"], notice: nil, visitor: visitor)
            page.status = .serviceUnavailable
            return environment.respond(page, visitor: visitor)
        }
        return environment.redirect(to: EmailPaths.verify(fresh.id) + "?sent=1", visitor: visitor)
    }

    /// Completes the operation the code was for.
    private func finish(_ verification: EmailVerification, request: Request, visitor: Visitor) async throws -> Response {
        switch verification.purpose {
        case .registration:
            let user: User
            let next: String?
            do {
                (user, next) = try await environment.accounts.completeRegistration(verification)
            } catch RegistrationError.registrationExpired {
                return message("verify_registration_expired_title", "verify_registration_expired_body", status: .gone, visitor: visitor)
            } catch AccountError.usernameTaken {
                return message("verify_username_taken_title", "verify_username_taken_body", status: .conflict, visitor: visitor)
            } catch RegistrationError.registrationTokenUnusable {
                return message("verify_token_gone_title", "verify_token_gone_body", status: .conflict, visitor: visitor)
            } catch RegistrationError.alreadyCompleted {
                return used(visitor: visitor)
            }
            let signedIn = try await SignIn(environment: environment).signIn(user, method: .registration, request: request, visitor: visitor)
            return environment.redirect(to: LocalPath.validated(next) ?? LoginHandler.home, visitor: signedIn)
        case .addEmail(let userID):
            do {
                try await environment.accounts.addVerifiedEmail(verification, to: userID)
            } catch RegistrationError.alreadyCompleted {
                return used(visitor: visitor)
            }
            return environment.redirect(to: EmailPaths.emails + "?added=1", visitor: visitor)
        }
    }

    /// The verification `text` names, if this browser may use it: anyone holding a registration's
    /// link (the code is the proof), only its signed-in owner for an added address. Otherwise
    /// throws the page to show.
    private func owned(_ text: String, request: Request, visitor: Visitor) async throws -> EmailVerification {
        guard let id = EmailVerificationID(text), let verification = try await verifications.find(id) else {
            throw EarlyResponse(notFound(visitor: visitor))
        }
        if case .addEmail(let userID) = verification.purpose {
            let viewer = try await environment.accountViewer(for: request, returnTo: EmailPaths.verify(id))
            guard viewer.user.id == userID else { throw EarlyResponse(notFound(visitor: visitor)) }
        }
        if verification.consumedAt != nil { throw EarlyResponse(used(visitor: visitor)) }
        return verification
    }

    /// CSP `form-action` sources for the code form: a registration that continues into an OAuth
    /// flow may end in a redirect to the client (see `SignIn.formActions`).
    private func formActions(for verification: EmailVerification) async throws -> [String] {
        guard let next = try await environment.accounts.pendingRegistration(for: verification)?.next else { return [] }
        return try await SignIn(environment: environment).formActions(continuingTo: next)
    }

    private func page(_ verification: EmailVerification, error: String?, notice: String?, visitor: Visitor) -> Page {
        var values: [String: Any] = [
            "csrf": visitor.csrf, "action": EmailPaths.verify(verification.id), "resendAction": EmailPaths.resend(verification.id),
            "intro": environment.strings.format("verify_intro", ["email": verification.email]),
        ]
        if let error { values["error"] = error }
        if let notice { values["notice"] = notice }
        return Page(template: "verify_email", title: environment.strings["verify_title"], values: values)
    }

    private func used(visitor: Visitor) -> Response {
        message("verify_used_title", "verify_used_body", status: .gone, visitor: visitor)
    }

    private func notFound(visitor: Visitor) -> Response {
        message("verify_not_found_title", "verify_not_found_body", status: .notFound, visitor: visitor)
    }

    private func message(_ title: String, _ body: String, status: HTTPResponse.Status, visitor: Visitor) -> Response {
        let strings = environment.strings
        return environment.respond(.message(title: strings[title], paragraphs: [strings[body]], status: status), visitor: visitor)
    }
}
