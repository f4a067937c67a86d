import Foundation
import Hummingbird
import SesameModel
import SesameOAuth

/// `GET|POST /link`: the verification page of the device flow (RFC 8628 §3.3). The user types the
/// code their device shows (case and dash do not matter; `?code=` prefills it), signs in, sees
/// which client wants what, and approves or denies.
struct DeviceLinkHandler: Sendable {
    let environment: WebEnvironment

    /// What a typed code leads to.
    private enum Lookup {
        case found(DeviceCodeGrant, OAuthClient)
        /// Not a code, or no grant has it.
        case unknown
        case expired
        /// Approved, denied or exchanged already.
        case used
    }

    func show(_ request: Request) async throws -> Response {
        let visitor = try await environment.visitor(for: request)
        let query = environment.query(request)
        let strings = environment.strings
        switch try? query.single("done") {
        case "approved":
            return environment.respond(.message(title: strings["link_approved_title"], paragraphs: [strings["link_approved_body"]]), visitor: visitor)
        case "denied":
            return environment.respond(.message(title: strings["link_denied_title"], paragraphs: [strings["link_denied_body"]]), visitor: visitor)
        default:
            break
        }
        let typed = try? query.single("code")
        guard visitor.isSignedIn else {
            let here = LocalPath.withQuery("/link", [("code", typed)])
            return environment.redirect(to: environment.loginPath(next: here), visitor: visitor)
        }
        guard let typed, let user = visitor.user else { return environment.respond(entryPage(code: nil, error: nil, visitor: visitor), visitor: visitor) }
        if let wait = guessesExhausted(request, user: user) { return environment.rateLimited(retryAfter: wait, visitor: visitor) }
        switch try await lookUp(typed) {
        case .unknown:
            chargeGuess(request, user: user)
            return environment.respond(entryPage(code: typed, error: message(for: .unknown), visitor: visitor), visitor: visitor)
        case .found(let grant, let client):
            return environment.respond(confirmationPage(grant: grant, client: client, visitor: visitor), visitor: visitor)
        case let problem:
            return environment.respond(entryPage(code: typed, error: message(for: problem), visitor: visitor), visitor: visitor)
        }
    }

    func submit(_ request: Request) async throws -> Response {
        let form = try await environment.form(request)
        let visitor = try await environment.visitor(for: request)
        guard environment.checkCSRF(form, visitor: visitor) else { return environment.csrfFailure(visitor: visitor) }
        let typed = (try? form.single("code")) ?? ""
        guard let user = visitor.user, let session = visitor.session else {
            return environment.redirect(to: environment.loginPath(next: LocalPath.withQuery("/link", [("code", typed)])), visitor: visitor)
        }
        if let wait = guessesExhausted(request, user: user) { return environment.rateLimited(retryAfter: wait, visitor: visitor) }
        let lookup = try await lookUp(typed)
        if case .unknown = lookup { chargeGuess(request, user: user) }
        guard case .found(let grant, let client) = lookup else {
            return environment.respond(entryPage(code: typed, error: message(for: lookup), visitor: visitor), visitor: visitor)
        }
        let services = environment.services
        let now = services.clock.now()
        let approve = (try? form.single("action")) == "approve"
        if approve {
            do throws(OAuthError) {
                try ScopePolicy(settings: services.settings).check(grant.scope, client: client, subject: .user(user))
            } catch {
                let text = environment.strings.format("link_refused", ["reason": error.errorDescription])
                return environment.respond(entryPage(code: nil, error: text, visitor: visitor), visitor: visitor)
            }
        }
        let answered = try await services.storage.transaction { repositories in
            approve
                ? try await repositories.deviceCodeGrants.fulfill(id: grant.id, browserSessionID: session.id, at: now)
                : try await repositories.deviceCodeGrants.reject(id: grant.id, browserSessionID: session.id, at: now)
        }
        guard answered else { return environment.respond(entryPage(code: typed, error: message(for: .used), visitor: visitor), visitor: visitor) }
        return environment.redirect(to: "/link?done=\(approve ? "approved" : "denied")", visitor: visitor)
    }

    /// How long until this IP and user may try another code, when they typed too many wrong ones.
    private func guessesExhausted(_ request: Request, user: User) -> TimeInterval? {
        guard let limiter = environment.rateLimits.deviceCodeGuesses,
              case .limited(let wait) = limiter.admit(ip: environment.clientIP(request), account: user.id.description)
        else { return nil }
        return wait
    }

    /// Only codes that match nothing are charged: expired or used ones were real.
    private func chargeGuess(_ request: Request, user: User) {
        environment.rateLimits.deviceCodeGuesses?.recordFailure(ip: environment.clientIP(request), account: user.id.description)
    }

    private func lookUp(_ typed: String) async throws -> Lookup {
        guard let code = DeviceUserCode(typed: typed) else { return .unknown }
        let services = environment.services
        let found: (DeviceCodeGrant, OAuthClient)? = try await services.storage.read { repositories in
            guard let grant = try await repositories.deviceCodeGrants.find(userCode: code.normalized),
                  let client = try await repositories.oauthClients.find(id: grant.clientID)
            else { return nil }
            return (grant, client)
        }
        guard let found else { return .unknown }
        let (grant, client) = found
        guard services.clock.now() < grant.expiresAt else { return .expired }
        guard grant.status == .pending else { return .used }
        return .found(grant, client)
    }

    private func message(for lookup: Lookup) -> String? {
        let strings = environment.strings
        switch lookup {
        case .found: return nil
        case .unknown: return strings["link_unknown"]
        case .expired: return strings["link_expired"]
        case .used: return strings["link_used"]
        }
    }

    private func entryPage(code: String?, error: String?, visitor: Visitor) -> Page {
        var values: [String: Any] = ["code": code ?? ""]
        if let error { values["error"] = error }
        return Page(template: "link", title: environment.strings["link_title"], values: values, status: error == nil ? .ok : .badRequest)
    }

    private func confirmationPage(grant: DeviceCodeGrant, client: OAuthClient, visitor: Visitor) -> Page {
        let strings = environment.strings
        let name = client.clientName ?? strings["consent_unnamed_client"]
        let links = ClientLinks.links(for: client, strings: strings)
        let code = DeviceUserCode(typed: grant.userCode)?.description ?? grant.userCode
        let values: [String: Any] = [
            "heading": strings.format("link_heading", ["client": name]),
            "access": ScopeDescriptions.lines(for: grant.scope, strings: strings).map(\.values),
            "links": links, "hasLinks": !links.isEmpty,
            "action": "/link", "csrf": visitor.csrf, "hidden": [["name": "code", "value": code]],
            "approveLabel": strings["link_approve"], "denyLabel": strings["link_deny"],
        ]
        return Page(template: "consent", title: strings["link_title"], values: values)
    }
}
