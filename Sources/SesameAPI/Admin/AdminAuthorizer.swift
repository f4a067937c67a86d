import Hummingbird
import SesameCrypto
import SesameModel
import SesameOAuth

/// Who may use the admin API: the bearer of a valid OAuth access token, or of a valid personal
/// access token (as in MAS), whose scope holds `urn:mas:admin`. The token endpoint only grants that
/// scope to configured admin clients (client credentials) and to users allowed to request admin
/// scopes; personal tokens get it only for such users too.
struct AdminAuthorizer: Sendable {
    let services: OAuthServices

    /// The checked caller; 401 without a usable token, 403 when it lacks the admin scope.
    func authorize(_ request: Request) async throws(AdminAPIError) -> AdminCaller {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw .unauthorized("missing Authorization: Bearer access token")
        }
        let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        let caller: AdminCaller?
        if (try? TokenKind.parse(token)) == .personalAccessToken {
            caller = await personalCaller(token)
        } else {
            caller = await AccessTokenValidator(services: services).validate(token).map(AdminCaller.oauth)
        }
        guard let caller else { throw .unauthorized("the access token is invalid, expired or revoked") }
        // RFC 6750 §3.1: a valid token without the needed scope is `insufficient_scope`, 403.
        guard caller.scope.contains(MatrixScope.masAdmin) else {
            throw .forbidden("the access token lacks the \(MatrixScope.masAdmin) scope")
        }
        return caller
    }

    /// The personal session behind an `mpt_` token: the token unexpired, the session unrevoked, its
    /// actor and owning user neither locked nor deactivated. Nil otherwise (or when storage fails).
    private func personalCaller(_ token: String) async -> AdminCaller? {
        let now = services.clock.now()
        let tokenHash = TokenHash(of: token).hex
        let caller = try? await services.storage.read { repositories -> AdminCaller? in
            guard let personal = try await repositories.personalAccessTokens.find(tokenHash: tokenHash), personal.isValid(at: now),
                  let session = try await repositories.personalSessions.find(id: personal.sessionID), session.revokedAt == nil,
                  let actor = try await repositories.users.find(id: session.actorUserID), actor.isActive
            else { return nil }
            if case .user(let ownerID) = session.owner {
                guard let owner = try await repositories.users.find(id: ownerID), owner.isActive else { return nil }
            }
            return .personal(session, actor: actor)
        }
        guard let caller = caller ?? nil else { return nil }
        if case .personal(let session, _) = caller { services.activity.record(.personal(session.id), at: now, ip: nil) }
        return caller
    }
}
