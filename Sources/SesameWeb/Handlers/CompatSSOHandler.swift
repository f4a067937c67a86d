import Foundation
import Hummingbird
import SesameModel

/// `GET|POST /complete-compat-sso/{id}`: the signed-in user confirms a legacy Matrix SSO login
/// (`/login/sso/redirect`), and the browser goes back to the client's `redirectUrl` with a
/// `loginToken`; or cancels it.
struct CompatSSOHandler: Sendable {
    let environment: WebEnvironment
    let approver: any CompatSSOApprover

    /// A pending login and the signed-in visitor who may answer it.
    private struct Ready {
        var login: PendingCompatSSOLogin
        var session: BrowserSession
        var user: User
    }

    func show(_ request: Request, loginID: String) async throws -> Response {
        let visitor = try await environment.visitor(for: request)
        let ready: Ready
        do {
            ready = try await prepare(loginID: loginID, visitor: visitor)
        } catch let early as EarlyResponse {
            return early.response
        }
        return environment.respond(confirmationPage(ready, visitor: visitor), visitor: visitor)
    }

    func submit(_ request: Request, loginID: String) async throws -> Response {
        let form = try await environment.form(request)
        let visitor = try await environment.visitor(for: request)
        guard environment.checkCSRF(form, visitor: visitor) else { return environment.csrfFailure(visitor: visitor) }
        let ready: Ready
        do {
            ready = try await prepare(loginID: loginID, visitor: visitor)
        } catch let early as EarlyResponse {
            return early.response
        }
        let strings = environment.strings
        guard (try? form.single("action")) == "approve" else {
            // Nothing to record: the pending login simply expires unused.
            let body = strings.format("compat_sso_cancelled_body", ["host": destination(of: ready.login)])
            return environment.respond(.message(title: strings["compat_sso_cancelled_title"], paragraphs: [body]), visitor: visitor)
        }
        guard let location = try await approver.approve(id: ready.login.id, browserSessionID: ready.session.id) else {
            return gone(visitor: visitor)
        }
        return environment.redirect(to: location, visitor: visitor)
    }

    // MARK: - Steps

    /// The pending login and the signed-in visitor; otherwise throws the response that gets there
    /// (the login page) or explains why not.
    private func prepare(loginID: String, visitor: Visitor) async throws -> Ready {
        guard let id = CompatSSOLoginID(loginID), let login = try await approver.pendingLogin(id: id) else {
            throw EarlyResponse(gone(visitor: visitor))
        }
        guard let user = visitor.user, let session = visitor.session else {
            throw EarlyResponse(environment.redirect(to: environment.loginPath(next: "/complete-compat-sso/\(id)"), visitor: visitor))
        }
        return Ready(login: login, session: session, user: user)
    }

    private func confirmationPage(_ ready: Ready, visitor: Visitor) -> Page {
        let strings = environment.strings
        let host = destination(of: ready.login)
        let values: [String: Any] = [
            "heading": strings.format("compat_sso_heading", ["host": host]),
            "explanation": strings.format("compat_sso_explanation", ["host": host, "user": ready.user.username.rawValue]),
            "action": "/complete-compat-sso/\(ready.login.id)", "csrf": visitor.csrf,
        ]
        var page = Page(template: "compat_sso", title: strings["compat_sso_title"], values: values)
        // Approving answers with a redirect to the client, which browsers check against form-action.
        page.security.formActions = CSPSource.origin(of: ready.login.redirectURL).map { [$0] } ?? []
        return page
    }

    /// The host (or, for an app, the scheme) the login token would be sent to.
    private func destination(of login: PendingCompatSSOLogin) -> String {
        ClientLinks.destination(of: login.redirectURL) ?? login.redirectURL
    }

    /// The page for an unknown, used or expired login: the client has to start again.
    private func gone(visitor: Visitor) -> Response {
        let strings = environment.strings
        let page = Page.message(title: strings["compat_sso_gone_title"], paragraphs: [strings["compat_sso_gone_body"]], status: .notFound)
        return environment.respond(page, visitor: visitor)
    }
}
