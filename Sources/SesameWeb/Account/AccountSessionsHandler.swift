import Foundation
import Hummingbird
import SesameModel

/// `GET /account/sessions`: the viewer's signed-in browsers, OAuth sessions and legacy Matrix
/// logins, each with an End button. `GET /account/sessions/{id}`: one session in detail
/// (MSC4191 `device_view`). `GET|POST /account/sessions/{id}/end`: confirm, then end it; its
/// tokens stop working and its device leaves the homeserver.
struct AccountSessionsHandler: Sendable {
    let environment: WebEnvironment

    private var directory: AccountSessionDirectory { AccountSessionDirectory(storage: environment.services.storage) }

    func list(_ request: Request) async throws -> Response {
        let viewer = try await environment.accountViewer(for: request)
        let lists = try await directory.activeSessions(of: viewer.user.id)
        let strings = environment.strings
        func rows(_ sessions: [AccountSession]) -> [[String: Any]] {
            sessions.map { $0.values(strings: strings, currentBrowser: viewer.session.id) }
        }
        let values: [String: Any] = [
            "csrf": viewer.visitor.csrf, "overviewHref": AccountPaths.overview,
            "browser": rows(lists.browser), "oauth": rows(lists.oauth), "compat": rows(lists.compat),
            "hasOAuth": !lists.oauth.isEmpty, "hasCompat": !lists.compat.isEmpty,
        ]
        return environment.respond(Page(template: "account_sessions", title: strings["account_sessions_title"], values: values), visitor: viewer.visitor)
    }

    func detail(_ request: Request, id: String) async throws -> Response {
        let viewer = try await environment.accountViewer(for: request)
        guard let session = try await directory.session(id, of: viewer.user.id) else { return environment.accountNotFound(visitor: viewer.visitor) }
        return environment.respond(page(for: session, viewer: viewer, template: "account_session", title: "account_session_title"), visitor: viewer.visitor)
    }

    func confirmEnd(_ request: Request, id: String) async throws -> Response {
        let viewer = try await environment.accountViewer(for: request)
        guard let session = try await directory.session(id, of: viewer.user.id) else { return environment.accountNotFound(visitor: viewer.visitor) }
        guard session.isActive else { return environment.redirect(to: AccountPaths.session(id), visitor: viewer.visitor) }
        return environment.respond(page(for: session, viewer: viewer, template: "account_session_end", title: "account_session_end_title"), visitor: viewer.visitor)
    }

    func end(_ request: Request, id: String) async throws -> Response {
        let (_, viewer) = try await environment.accountPost(request, returnTo: AccountPaths.session(id))
        guard let session = try await directory.session(id, of: viewer.user.id) else { return environment.accountNotFound(visitor: viewer.visitor) }
        if session.isActive {
            let now = environment.services.clock.now()
            try await environment.services.storage.transaction { try await AccountSessionEnding.end(session, at: now, in: $0) }
        }
        // Ending this very browser signs it out: the cookie goes, and the login page comes next.
        if case .browser(let browser) = session, browser.id == viewer.session.id {
            var response = environment.redirect(to: environment.loginPath(next: AccountPaths.overview), visitor: viewer.visitor)
            if let expired = try? environment.cookies.expiredCookie() { response.setCookie(expired) }
            return response
        }
        return environment.redirect(to: AccountPaths.sessions, visitor: viewer.visitor)
    }

    private func page(for session: AccountSession, viewer: AccountViewer, template: String, title: String) -> Page {
        var values = session.values(strings: environment.strings, currentBrowser: viewer.session.id)
        values["csrf"] = viewer.visitor.csrf
        values["sessionsHref"] = AccountPaths.sessions
        return Page(template: template, title: environment.strings[title], values: values)
    }
}
