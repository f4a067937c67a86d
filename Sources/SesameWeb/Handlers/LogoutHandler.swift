import Foundation
import Hummingbird
import SesameModel
import SesameOAuth

/// `GET /logout` (OIDC RP-Initiated Logout 1.0 end-session endpoint: asks the user to confirm) and
/// `POST /logout` (ends the browser session and clears the cookie). The browser is sent back to
/// `post_logout_redirect_uri` only when it is a redirect URI of the client named by `client_id` or
/// by the `aud` of `id_token_hint`, so the endpoint is no open redirect.
struct LogoutHandler: Sendable {
    let environment: WebEnvironment

    /// The page after signing out when the client asked for no redirect.
    static let signedOutPath = "/logout"

    func show(_ request: Request) async throws -> Response {
        let visitor = try await environment.visitor(for: request)
        let query = environment.query(request)
        let strings = environment.strings
        let destination = try await verifiedDestination(
            uri: try? query.single("post_logout_redirect_uri"), clientID: try? query.single("client_id"),
            idTokenHint: try? query.single("id_token_hint")
        )
        let state = try? query.single("state")
        guard visitor.isSignedIn else {
            if let destination { return environment.redirect(to: Self.withState(destination.uri, state), visitor: visitor) }
            return environment.respond(.message(title: strings["logout_done_title"], paragraphs: [strings["logout_done_body"]]), visitor: visitor)
        }
        var values: [String: Any] = [
            "csrf": visitor.csrf,
            "question": strings.format("logout_question", ["server": environment.services.settings.matrixServerName]),
        ]
        var page = Page(template: "logout", title: strings["logout_title"], values: values)
        if let destination {
            values["postLogoutRedirectURI"] = destination.uri
            values["clientID"] = destination.clientID.description
            if let state { values["state"] = state }
            page.values = values
            page.security.formActions = CSPSource.origin(of: destination.uri).map { [$0] } ?? []
        }
        return environment.respond(page, visitor: visitor)
    }

    func submit(_ request: Request) async throws -> Response {
        let form = try await environment.form(request)
        var visitor = try await environment.visitor(for: request)
        guard environment.checkCSRF(form, visitor: visitor) else { return environment.csrfFailure(visitor: visitor) }
        if let session = visitor.session {
            let now = environment.services.clock.now()
            try await environment.services.storage.transaction { try await $0.browserSessions.finish(id: session.id, at: now) }
        }
        // Checked again: the hidden fields came back from the browser.
        let destination = try await verifiedDestination(
            uri: try? form.single("post_logout_redirect_uri"), clientID: try? form.single("client_id"), idTokenHint: nil
        )
        visitor.cookieChanged = false
        var response = environment.redirect(to: destination.map { Self.withState($0.uri, try? form.single("state")) } ?? Self.signedOutPath, visitor: visitor)
        if let expired = try? environment.cookies.expiredCookie() { response.setCookie(expired) }
        return response
    }

    /// A post-logout redirect URI the client registered.
    private struct Destination {
        var uri: String
        var clientID: ClientID
    }

    private func verifiedDestination(uri: String?, clientID: String?, idTokenHint: String?) async throws -> Destination? {
        guard let uri else { return nil }
        var named = clientID.flatMap { ClientID($0) }
        if let idTokenHint, let hint = try? await IDTokenHint.verify(idTokenHint, services: environment.services) {
            let audience = hint.audience.compactMap { ClientID($0) }
            // OIDC RP-Initiated Logout §2: client_id, when also given, must match the hint's audience.
            if let claimed = named, !audience.contains(claimed) { return nil }
            named = named ?? audience.first
        }
        guard let id = named,
              let client = try await environment.services.storage.read({ try await $0.oauthClients.find(id: id) }),
              client.redirectURIs.contains(uri), uri != RedirectURIMatcher.outOfBand
        else { return nil }
        return Destination(uri: uri, clientID: client.id)
    }

    private static func withState(_ uri: String, _ state: String?) -> String {
        guard let state else { return uri }
        return uri + (uri.contains("?") ? "&" : "?") + "state=" + AuthorizationResponse.percentEncoded(state)
    }
}
