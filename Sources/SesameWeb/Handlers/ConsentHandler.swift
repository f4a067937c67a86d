import Foundation
import Hummingbird
import SesameModel
import SesameOAuth

/// `GET|POST /consent/{id}`: the user approves or refuses a pending authorization request, after
/// signing in (again, when `prompt=login` or `max_age` asks for it).
struct ConsentHandler: Sendable {
    let environment: WebEnvironment

    /// A pending grant with its client and a signed-in user whose login is fresh enough.
    private struct Ready {
        var grant: AuthorizationGrant
        var client: OAuthClient
        var user: User
        var session: BrowserSession
    }

    func show(_ request: Request, grantID: String) async throws -> Response {
        let visitor = try await environment.visitor(for: request)
        let ready: Ready
        do {
            ready = try await prepare(grantID: grantID, visitor: visitor)
        } catch let early as EarlyResponse {
            return early.response
        }
        let consented = try await environment.services.storage.read {
            try await $0.consents.grantedScope(userID: ready.user.id, clientID: ready.client.id)
        }
        if !ready.grant.requiresConsent, ConsentScope.isCovered(ready.grant.scope, by: consented) {
            return try await answer(approve: true, ready, visitor: visitor)
        }
        return environment.respond(consentPage(grant: ready.grant, client: ready.client, visitor: visitor), visitor: visitor)
    }

    func submit(_ request: Request, grantID: String) async throws -> Response {
        let form = try await environment.form(request)
        let visitor = try await environment.visitor(for: request)
        guard environment.checkCSRF(form, visitor: visitor) else { return environment.csrfFailure(visitor: visitor) }
        let ready: Ready
        do {
            ready = try await prepare(grantID: grantID, visitor: visitor)
        } catch let early as EarlyResponse {
            return early.response
        }
        let approve = (try? form.single("action")) == "approve"
        return try await answer(approve: approve, ready, visitor: visitor)
    }

    // MARK: - Steps

    /// The grant, its client, and the signed-in user whose login is fresh enough; otherwise throws
    /// the response that gets there (the login page) or explains why not.
    private func prepare(grantID: String, visitor: Visitor) async throws -> Ready {
        let services = environment.services
        guard let id = AuthorizationGrantID(grantID) else { throw EarlyResponse(environment.grantGone(visitor: visitor)) }
        let found: (AuthorizationGrant, OAuthClient)? = try await services.storage.read { repositories in
            guard let grant = try await repositories.authorizationGrants.find(id: id), grant.status == .pending,
                  let client = try await repositories.oauthClients.find(id: grant.clientID)
            else { return nil }
            return (grant, client)
        }
        guard let found else { throw EarlyResponse(environment.grantGone(visitor: visitor)) }
        let (grant, client) = found
        let here = "/consent/\(grant.id)"
        guard let user = visitor.user, let session = visitor.session else {
            throw EarlyResponse(environment.redirect(to: environment.loginPath(next: here, loginHint: grant.loginHint), visitor: visitor))
        }
        // OIDC Core §3.1.2.1: the client's id_token_hint names who must answer; anyone else gets
        // login_required back at the client rather than a code for the wrong account.
        if let expected = grant.expectedSubject, expected != user.id.description {
            let response = try await AuthorizationGrantFulfiller(services: services)
                .refuse(grantID: grant.id, with: OAuthError(.loginRequired, "the signed-in user is not the one the id_token_hint names"))
            throw EarlyResponse(AuthorizationResponder(environment: environment).deliver(response, clientName: client.clientName, visitor: visitor))
        }
        let lastAuthentication = try await services.storage.read { try await $0.browserSessions.lastAuthentication(in: session.id) }
        if LoginFreshness.requiresFreshLogin(for: grant, lastAuthenticatedAt: lastAuthentication?.createdAt, now: services.clock.now()) {
            throw EarlyResponse(environment.redirect(to: environment.loginPath(next: here, loginHint: user.username.rawValue), visitor: visitor))
        }
        return Ready(grant: grant, client: client, user: user, session: session)
    }

    private func answer(approve: Bool, _ ready: Ready, visitor: Visitor) async throws -> Response {
        let (grant, client, user, session) = (ready.grant, ready.client, ready.user, ready.session)
        let fulfiller = AuthorizationGrantFulfiller(services: environment.services)
        let response: AuthorizationResponse
        do {
            response = approve
                ? try await fulfiller.approve(grantID: grant.id, user: user, browserSessionID: session.id)
                : try await fulfiller.deny(grantID: grant.id)
        } catch is AuthorizationGrantProblem {
            return environment.grantGone(visitor: visitor)
        }
        return AuthorizationResponder(environment: environment).deliver(response, clientName: client.clientName, visitor: visitor)
    }

    private func consentPage(grant: AuthorizationGrant, client: OAuthClient, visitor: Visitor) -> Page {
        let strings = environment.strings
        let name = client.clientName ?? strings["consent_unnamed_client"]
        let links = ClientLinks.links(for: client, strings: strings)
        var values: [String: Any] = [
            "heading": strings.format("consent_heading", ["client": name]),
            "access": ScopeDescriptions.lines(for: grant.scope, strings: strings).map(\.values),
            "links": links, "hasLinks": !links.isEmpty,
            "action": "/consent/\(grant.id)", "csrf": visitor.csrf,
            "approveLabel": strings["consent_approve"], "denyLabel": strings["consent_deny"],
        ]
        if let destination = ClientLinks.destination(of: grant.redirectURI) {
            values["destination"] = strings.format("consent_destination", ["destination": destination])
        }
        var page = Page(template: "consent", title: strings["consent_title"], values: values)
        // The answer is a redirect to the client, which browsers check against form-action.
        page.security.formActions = CSPSource.origin(of: grant.redirectURI).map { [$0] } ?? []
        return page
    }
}

/// The client's own links (website, terms, privacy policy) and where the user will be sent.
enum ClientLinks {
    /// The links worth showing: only `https` (or `http`) URLs, so nothing else can be clicked.
    static func links(for client: OAuthClient, strings: WebStrings) -> [[String: String]] {
        [("consent_client_uri", client.clientURI), ("consent_tos_uri", client.tosURI), ("consent_policy_uri", client.policyURI)]
            .compactMap { key, uri in
                guard let uri, isWebURL(uri) else { return nil }
                return ["href": uri, "label": strings[key]]
            }
    }

    /// The host (or scheme, for apps) the redirect URI goes to, for "You will then return to …".
    static func destination(of redirectURI: String) -> String? {
        guard redirectURI != RedirectURIMatcher.outOfBand, let components = URLComponents(string: redirectURI) else { return nil }
        return components.host ?? components.scheme
    }

    static func isWebURL(_ uri: String) -> Bool {
        guard let scheme = URLComponents(string: uri)?.scheme?.lowercased() else { return false }
        return scheme == "https" || scheme == "http"
    }
}
