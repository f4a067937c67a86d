import Foundation
import SesameCrypto
import SesameModel
import SesameStorage

/// Answers authorization requests once the user (or, for `prompt=none`, the browser's existing
/// session) has decided: creates the OAuth session, records consent and mints the code, all in
/// one transaction, and returns the response for the client.
public struct AuthorizationGrantFulfiller: Sendable {
    let services: OAuthServices

    /// Creates a fulfiller.
    public init(services: OAuthServices) { self.services = services }

    /// The user approved the pending grant from `browserSessionID`.
    ///
    /// The scope is checked again now that the user is known: admin scopes need a user allowed to
    /// request them, else the client gets `access_denied`.
    /// - Throws: ``AuthorizationGrantProblem`` when the grant cannot be answered at all.
    public func approve(grantID: AuthorizationGrantID, user: User, browserSessionID: BrowserSessionID) async throws -> AuthorizationResponse {
        let now = services.clock.now()
        let settings = services.settings
        return try await services.storage.transaction { repositories in
            let (grant, client) = try await Self.pendingGrant(grantID, in: repositories)
            let target = AuthorizationResponseTarget(grant: grant)
            do throws(OAuthError) {
                try ScopePolicy(settings: settings).check(grant.scope, client: client, subject: .user(user))
            } catch {
                try await repositories.authorizationGrants.cancel(id: grant.id, at: now)
                return AuthorizationResponse.make(.error(.accessDenied(error.errorDescription)), to: target, issuer: settings.issuer)
            }
            let code = try await Self.fulfil(grant, user: user, browserSessionID: browserSessionID, at: now, in: repositories)
            return AuthorizationResponse.make(.code(code), to: target, issuer: settings.issuer)
        }
    }

    /// The user refused: the grant is cancelled and the client told `access_denied` (RFC 6749 §4.1.2.1).
    /// - Throws: ``AuthorizationGrantProblem`` when the grant cannot be answered at all.
    public func deny(grantID: AuthorizationGrantID) async throws -> AuthorizationResponse {
        try await refuse(grantID: grantID, with: .accessDenied("the user denied the request"))
    }

    /// Ends the pending request with `error` sent back to the client (the grant is cancelled).
    public func refuse(grantID: AuthorizationGrantID, with error: OAuthError) async throws -> AuthorizationResponse {
        let now = services.clock.now()
        let issuer = services.settings.issuer
        return try await services.storage.transaction { repositories in
            let (grant, _) = try await Self.pendingGrant(grantID, in: repositories)
            try await repositories.authorizationGrants.cancel(id: grant.id, at: now)
            return AuthorizationResponse.make(.error(error), to: AuthorizationResponseTarget(grant: grant), issuer: issuer)
        }
    }

    /// Answers a `prompt=none` request without showing anything (OIDC Core §3.1.2.1): a code when
    /// the browser is signed in, recently enough, as the expected user, who already consented to
    /// every scope; `login_required` or `consent_required` otherwise.
    public func answerWithoutInteraction(_ request: ValidatedAuthorizationRequest, browserSessionID: BrowserSessionID?) async throws -> AuthorizationResponse {
        let now = services.clock.now()
        let settings = services.settings
        return try await services.storage.transaction { repositories in
            let result: AuthorizationResult
            do {
                let (user, session) = try await Self.signedInUser(browserSessionID, request: request, now: now, in: repositories)
                do throws(OAuthError) {
                    try ScopePolicy(settings: settings).check(request.scope, client: request.client, subject: .user(user))
                } catch {
                    throw OAuthError.accessDenied(error.errorDescription)
                }
                let granted = try await repositories.consents.grantedScope(userID: user.id, clientID: request.client.id)
                guard ConsentScope.isCovered(request.scope, by: granted) else {
                    throw OAuthError(.consentRequired, "the user has not yet consented to this scope for this client")
                }
                let grant = request.makeGrant(id: AuthorizationGrantID(date: now), at: now)
                try await repositories.authorizationGrants.add(grant, codeHash: nil)
                result = .code(try await Self.fulfil(grant, user: user, browserSessionID: session.id, at: now, in: repositories))
            } catch let error as OAuthError {
                result = .error(error)
            }
            return AuthorizationResponse.make(result, to: request.target, issuer: settings.issuer)
        }
    }

    // MARK: - Steps inside the transaction

    private static func pendingGrant(_ id: AuthorizationGrantID, in repositories: any Repositories) async throws -> (AuthorizationGrant, OAuthClient) {
        guard let grant = try await repositories.authorizationGrants.find(id: id) else { throw AuthorizationGrantProblem.notFound }
        guard grant.status == .pending else { throw AuthorizationGrantProblem.notPending }
        guard let client = try await repositories.oauthClients.find(id: grant.clientID) else { throw AuthorizationGrantProblem.clientGone }
        return (grant, client)
    }

    /// The browser's user when it satisfies the request without a login; `login_required` otherwise.
    private static func signedInUser(
        _ sessionID: BrowserSessionID?, request: ValidatedAuthorizationRequest, now: Date, in repositories: any Repositories
    ) async throws -> (User, BrowserSession) {
        guard let sessionID, let session = try await repositories.browserSessions.find(id: sessionID), session.isActive,
              let user = try await repositories.users.find(id: session.userID), user.isActive
        else { throw OAuthError(.loginRequired, "the user is not signed in") }
        if let expected = request.expectedSubject, expected != user.id.description {
            throw OAuthError(.loginRequired, "the signed-in user is not the one the id_token_hint names")
        }
        if let maxAge = request.maxAge {
            let last = try await repositories.browserSessions.lastAuthentication(in: session.id)
            guard let last, !LoginFreshness.isOlder(last.createdAt, than: maxAge, now: now) else {
                throw OAuthError(.loginRequired, "the user last signed in longer ago than max_age allows")
            }
        }
        return (user, session)
    }

    /// Creates the OAuth session, records consent, marks the grant fulfilled and returns the new code.
    private static func fulfil(
        _ grant: AuthorizationGrant, user: User, browserSessionID: BrowserSessionID, at now: Date, in repositories: any Repositories
    ) async throws -> String {
        let session = OAuthSession(
            id: OAuthSessionID(date: now), clientID: grant.clientID, userID: user.id, browserSessionID: browserSessionID,
            scope: grant.scope, createdAt: now
        )
        try await repositories.oauthSessions.add(session)
        let consented = ConsentScope.relevant(grant.scope)
        if !consented.isEmpty {
            try await repositories.consents.grant(userID: user.id, clientID: grant.clientID, scope: consented, at: now)
        }
        let code = AuthorizationCode.generate()
        guard try await repositories.authorizationGrants.fulfill(id: grant.id, sessionID: session.id, codeHash: TokenHash(of: code).hex, at: now) else {
            // Another request answered it first; throwing rolls back the session made above.
            throw AuthorizationGrantProblem.notPending
        }
        return code
    }
}
