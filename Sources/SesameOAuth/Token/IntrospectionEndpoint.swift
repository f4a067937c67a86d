import Foundation
import SesameCrypto
import SesameModel
import SesameStorage

/// The introspection endpoint (RFC 7662, `/oauth2/introspect`): tells the homeserver (or a
/// confidential client) whether a token is usable, and for whom, in the shape Synapse expects.
///
/// Every kind of Sesame token is covered: OAuth access and refresh (`mat_`, `mar_`), compatibility
/// access and refresh (`mct_`, `mcr_`) and personal (`mpt_`).
public struct IntrospectionEndpoint: Sendable {
    let services: OAuthServices

    /// Creates the endpoint.
    public init(services: OAuthServices) { self.services = services }

    /// Authenticates the caller, then answers for the `token` parameter. `bearer` is the
    /// `Authorization: Bearer` value, which the homeserver fills with the shared secret.
    public func handle(form: FormParameters, credentials: ClientCredentials?, bearer: String?) async -> Result<IntrospectionResponse, OAuthError> {
        let token: String
        do throws(OAuthError) {
            try await authenticateCaller(credentials: credentials, bearer: bearer)
            token = try form.required("token")
            // RFC 7662 §2.1: `token_type_hint` is only a hint; the prefix says what the token is.
            _ = try form.single("token_type_hint")
        } catch {
            return .failure(error)
        }
        // The homeserver's own credential is never a token that grants access.
        if let secret = services.settings.matrixSharedSecret, constantTimeEquals(token, secret) { return .success(.inactive) }
        // The checksum is checked before any database read: a forged or mistyped token is simply inactive.
        guard let parsed = try? OpaqueToken(parsing: token) else { return .success(.inactive) }
        let now = services.clock.now()
        do {
            let answer: IntrospectionResponse?
            switch parsed.kind {
            case .accessToken: answer = try await accessToken(parsed, now: now)
            case .refreshToken: answer = try await refreshToken(token)
            case .compatAccessToken: answer = try await compatAccessToken(token, now: now)
            case .compatRefreshToken: answer = try await compatRefreshToken(token)
            case .personalAccessToken: answer = try await personalAccessToken(token, now: now)
            }
            return .success(answer ?? .inactive)
        } catch {
            return .failure(.serverError())
        }
    }

    /// RFC 7662 §2.1: the caller must be authorised. Either the homeserver with the shared secret
    /// (compared in constant time) or a confidential client; public clients hold no secret, so
    /// anyone could claim to be one.
    private func authenticateCaller(credentials: ClientCredentials?, bearer: String?) async throws(OAuthError) {
        if let bearer, let secret = services.settings.matrixSharedSecret, constantTimeEquals(bearer, secret) { return }
        guard let credentials else {
            throw .invalidClient(bearer == nil
                ? "introspection requires client authentication or the homeserver's shared secret"
                : "the bearer credential is not the homeserver's shared secret")
        }
        let client = try await ClientAuthenticator(services: services)
            .authenticate(credentials, audience: services.settings.url("oauth2/introspect"))
        guard !client.isPublic else {
            throw .invalidClient("public clients may not introspect tokens; introspection needs a client that authenticates")
        }
    }

    private func accessToken(_ token: OpaqueToken, now: Date) async throws -> IntrospectionResponse? {
        // The lean read: the homeserver introspects every access token it sees (issue 7).
        guard let grant = try await AccessTokenValidator(services: services).lookUpGrant(token) else { return nil }
        services.activity.record(.oauth(grant.sessionID), at: now, ip: nil)
        var user: (id: UserID, username: Username)?
        if case .user(let id, let username, _, _) = grant.subject { user = (id, username) }
        return active(
            scope: grant.scope, clientID: grant.clientID, user: user, tokenType: "access_token",
            issuedAt: grant.createdAt, expiresAt: grant.expiresAt, now: now
        )
    }

    private func refreshToken(_ token: String) async throws -> IntrospectionResponse? {
        let tokenHash = TokenHash(of: token).hex
        return try await services.storage.read { repositories -> IntrospectionResponse? in
            guard let refresh = try await repositories.refreshTokens.find(tokenHash: tokenHash), refresh.isValid,
                  let session = try await repositories.oauthSessions.find(id: refresh.sessionID), session.isActive
            else { return nil }
            var user: User?
            if let userID = session.userID {
                guard let found = try await repositories.users.find(id: userID), found.isActive else { return nil }
                user = found
            }
            return active(
                scope: session.scope, clientID: session.clientID, user: user.map { ($0.id, $0.username) }, tokenType: "refresh_token",
                issuedAt: refresh.createdAt, expiresAt: nil, now: nil
            )
        }
    }

    private func compatAccessToken(_ token: String, now: Date) async throws -> IntrospectionResponse? {
        let tokenHash = TokenHash(of: token).hex
        return try await services.storage.read { repositories -> IntrospectionResponse? in
            guard let access = try await repositories.compatAccessTokens.find(tokenHash: tokenHash), access.isValid(at: now),
                  case let (session, user)? = try await activeCompatSession(access.sessionID, in: repositories)
            else { return nil }
            services.activity.record(.compat(session.id), at: now, ip: nil)
            return active(
                scope: compatScope(session), clientID: nil, user: (user.id, user.username), tokenType: "access_token",
                issuedAt: access.createdAt, expiresAt: access.expiresAt, now: now
            )
        }
    }

    private func compatRefreshToken(_ token: String) async throws -> IntrospectionResponse? {
        let tokenHash = TokenHash(of: token).hex
        return try await services.storage.read { repositories -> IntrospectionResponse? in
            guard let refresh = try await repositories.compatRefreshTokens.find(tokenHash: tokenHash), refresh.isValid,
                  case let (session, user)? = try await activeCompatSession(refresh.sessionID, in: repositories)
            else { return nil }
            return active(
                scope: compatScope(session), clientID: nil, user: (user.id, user.username), tokenType: "refresh_token",
                issuedAt: refresh.createdAt, expiresAt: nil, now: nil
            )
        }
    }

    private func personalAccessToken(_ token: String, now: Date) async throws -> IntrospectionResponse? {
        let tokenHash = TokenHash(of: token).hex
        return try await services.storage.read { repositories -> IntrospectionResponse? in
            guard let personal = try await repositories.personalAccessTokens.find(tokenHash: tokenHash), personal.isValid(at: now),
                  let session = try await repositories.personalSessions.find(id: personal.sessionID), session.revokedAt == nil,
                  let actor = try await repositories.users.find(id: session.actorUserID), actor.isActive
            else { return nil }
            services.activity.record(.personal(session.id), at: now, ip: nil)
            var clientID: ClientID?
            if case .client(let owner) = session.owner { clientID = owner }
            return active(
                scope: session.scope, clientID: clientID, user: (actor.id, actor.username), tokenType: "access_token",
                issuedAt: personal.createdAt, expiresAt: personal.expiresAt, now: now
            )
        }
    }

    /// The compat session and its user, when both may still be used.
    private func activeCompatSession(_ id: CompatSessionID, in repositories: any Repositories) async throws -> (CompatSession, User)? {
        guard let session = try await repositories.compatSessions.find(id: id), session.isActive,
              let user = try await repositories.users.find(id: session.userID), user.isActive
        else { return nil }
        return (session, user)
    }

    /// A compat session acts like an OAuth session with full API access on its one device, as MAS
    /// reports it; a Synapse admin session also carries the admin scope.
    private func compatScope(_ session: CompatSession) -> Scope {
        var tokens: [ScopeToken] = [MatrixScope.api, MatrixScope.deviceScope(session.deviceID)]
        if session.isSynapseAdmin { tokens.append(MatrixScope.synapseAdmin) }
        return Scope(tokens)
    }

    /// The active answer. The device comes from the scope's device token.
    private func active(
        scope: Scope, clientID: ClientID?, user: (id: UserID, username: Username)?, tokenType: String, issuedAt: Date, expiresAt: Date?, now: Date?
    ) -> IntrospectionResponse {
        let expiresIn = expiresAt.flatMap { expiry in now.map { Int(max(0, expiry.timeIntervalSince($0)).rounded(.down)) } }
        return IntrospectionResponse(
            active: true, scope: MatrixScope.withBothForms(scope).description, clientID: clientID?.description,
            username: user?.username.rawValue, sub: user?.id.description, tokenType: tokenType,
            exp: expiresAt.map { Int($0.timeIntervalSince1970.rounded(.down)) }, iat: Int(issuedAt.timeIntervalSince1970.rounded(.down)),
            expiresIn: expiresIn, deviceID: (try? MatrixScope.summarize(scope))?.deviceID?.rawValue
        )
    }
}
