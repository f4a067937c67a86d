import SesameCrypto
import SesameModel
import SesameOAuth

/// A usable personal access token (`mpt_…`) and who it acts as.
struct ValidatedPersonalAccess: Sendable {
    let session: PersonalSession
    /// The user the token acts as.
    let actor: User

    /// The scope the token carries (its session's).
    var scope: Scope { session.scope }
}

/// Checks a personal access token the same way for the admin API and GraphQL, as MAS does: the
/// token unexpired and unrevoked, its session unrevoked, its actor and owning user neither locked
/// nor deactivated. A token that is used is recorded as activity on its session.
struct PersonalTokenValidator: Sendable {
    let services: OAuthServices

    /// True when `token` has the shape of a personal access token.
    static func isPersonal(_ token: String) -> Bool {
        (try? TokenKind.parse(token)) == .personalAccessToken
    }

    /// The checked token, or nil when it is unusable (or storage fails).
    func validate(_ token: String) async -> ValidatedPersonalAccess? {
        let now = services.clock.now()
        let tokenHash = TokenHash(of: token).hex
        let access = try? await services.storage.read { repositories -> ValidatedPersonalAccess? in
            guard let personal = try await repositories.personalAccessTokens.find(tokenHash: tokenHash), personal.isValid(at: now),
                  let session = try await repositories.personalSessions.find(id: personal.sessionID), session.revokedAt == nil,
                  let actor = try await repositories.users.find(id: session.actorUserID), actor.isActive
            else { return nil }
            if case .user(let ownerID) = session.owner {
                guard let owner = try await repositories.users.find(id: ownerID), owner.isActive else { return nil }
            }
            return ValidatedPersonalAccess(session: session, actor: actor)
        }
        guard let access = access ?? nil else { return nil }
        services.activity.record(.personal(access.session.id), at: now, ip: nil)
        return access
    }
}
