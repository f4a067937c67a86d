import Foundation
import Hummingbird
import SesameModel
import SesameOAuth

/// `GET /account/tokens`: the viewer's personal access tokens, and a form to create one.
/// `POST /account/tokens` creates one and shows the `mpt_` token once. `POST
/// /account/tokens/{id}/revoke` revokes one. The same issuer as the admin API makes them.
struct AccountTokensHandler: Sendable {
    let environment: WebEnvironment

    private var issuer: PersonalTokenIssuer { PersonalTokenIssuer(services: environment.services) }

    func list(_ request: Request) async throws -> Response {
        let viewer = try await environment.accountViewer(for: request)
        return environment.respond(try await page(viewer, error: nil, name: ""), visitor: viewer.visitor)
    }

    func create(_ request: Request) async throws -> Response {
        let (form, viewer) = try await environment.accountPost(request, returnTo: AccountPaths.tokens)
        try await environment.requireRecentSignIn(viewer, returnTo: AccountPaths.tokens)
        let strings = environment.strings
        let name = (try? form.single("name")) ?? ""
        func refuse(_ message: String) async throws -> Response {
            var page = try await page(viewer, error: message, name: name)
            page.status = .badRequest
            return environment.respond(page, visitor: viewer.visitor)
        }
        guard let scope = PersonalTokenChoices.scopes.first(where: { $0.key == (try? form.single("scope")) }),
              !scope.needsAdmin || issuer.mayRequestAdmin(viewer.user)
        else { return try await refuse(strings["account_tokens_bad_scope"]) }
        guard let lifetime = PersonalTokenChoices.lifetimes.first(where: { $0.key == (try? form.single("expiry")) }) else {
            return try await refuse(strings["account_tokens_bad_expiry"])
        }
        let issued: PersonalTokenIssuer.Issued
        do {
            issued = try await issuer.create(owner: .user(viewer.user.id), actor: viewer.user, name: name, scope: scope.scope, lifetime: lifetime.seconds)
        } catch PersonalTokenProblem.invalidName {
            return try await refuse(strings.format("account_tokens_bad_name", ["max": "\(PersonalTokenIssuer.maximumNameLength)"]))
        } catch let problem as PersonalTokenProblem {
            return try await refuse(problem.description)
        }
        // Rendered directly, never redirected to: the token must not land in a URL or a history entry.
        let values: [String: Any] = [
            "token": issued.plaintext, "name": issued.session.humanName, "tokensHref": AccountPaths.tokens,
            "expires": issued.token.expiresAt.map(AccountDates.format) ?? strings["account_tokens_never"],
        ]
        return environment.respond(Page(template: "account_token_created", title: strings["account_token_created_title"], values: values), visitor: viewer.visitor)
    }

    func revoke(_ request: Request, id: String) async throws -> Response {
        let (_, viewer) = try await environment.accountPost(request, returnTo: AccountPaths.tokens)
        guard let sessionID = PersonalSessionID(id),
              let session = try await environment.services.storage.read({ try await $0.personalSessions.find(id: sessionID) }),
              session.actorUserID == viewer.user.id
        else { return environment.accountNotFound(visitor: viewer.visitor) }
        if session.revokedAt == nil { try await issuer.revoke(session.id) }
        return environment.redirect(to: AccountPaths.tokens, visitor: viewer.visitor)
    }

    private func page(_ viewer: AccountViewer, error: String?, name: String) async throws -> Page {
        let strings = environment.strings
        let live: [(PersonalSession, PersonalAccessToken?)] = try await environment.services.storage.read { repositories in
            var live: [(PersonalSession, PersonalAccessToken?)] = []
            for session in try await repositories.personalSessions.list(actor: viewer.user.id) where session.revokedAt == nil {
                live.append((session, try await repositories.personalAccessTokens.active(in: session.id)))
            }
            return live
        }
        let rows: [[String: Any]] = live.map { session, token in
            var row: [String: Any] = [
                "id": session.id.description, "name": session.humanName, "scope": session.scope.description,
                "created": AccountDates.format(session.createdAt), "revokeAction": AccountPaths.revokeToken(session.id.description),
                "expires": token?.expiresAt.map(AccountDates.format) ?? strings["account_tokens_never"],
            ]
            if let lastActive = session.activity.lastActiveAt { row["lastActive"] = AccountDates.format(lastActive) }
            return row
        }
        let mayAdmin = issuer.mayRequestAdmin(viewer.user)
        let scopes: [[String: Any]] = PersonalTokenChoices.scopes.filter { !$0.needsAdmin || mayAdmin }.enumerated().map { index, choice in
            var row: [String: Any] = ["key": choice.key, "label": strings[choice.labelKey], "scope": choice.scope.description]
            if index == 0 { row["checked"] = true }
            return row
        }
        let lifetimes: [[String: Any]] = PersonalTokenChoices.lifetimes.map { choice in
            var row: [String: Any] = ["key": choice.key, "label": strings[choice.labelKey]]
            if choice.key == PersonalTokenChoices.defaultLifetime { row["selected"] = true }
            return row
        }
        var values: [String: Any] = [
            "csrf": viewer.visitor.csrf, "action": AccountPaths.tokens, "overviewHref": AccountPaths.overview,
            "tokens": rows, "hasTokens": !rows.isEmpty, "scopes": scopes, "lifetimes": lifetimes, "name": name,
            "maxName": PersonalTokenIssuer.maximumNameLength,
        ]
        if let error { values["error"] = error }
        return Page(template: "account_tokens", title: strings["account_tokens_title"], values: values)
    }
}
