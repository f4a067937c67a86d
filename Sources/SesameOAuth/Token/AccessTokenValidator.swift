import Foundation
import SesameCrypto
import SesameModel
import SesameStorage

/// Checks a presented OAuth access token (`mat_…`) for the endpoints that accept one (userinfo,
/// introspection, the APIs): well-formed, known, unexpired, unrevoked, its session still active,
/// its user neither locked nor deactivated.
public struct AccessTokenValidator: Sendable {
    let services: OAuthServices

    /// Creates a validator.
    public init(services: OAuthServices) { self.services = services }

    /// What the token grants, or nil when it may not be used (also when the database cannot answer).
    /// The token's first use is recorded: the refresh lost-response rule depends on it.
    public func validate(_ bearer: String) async -> ValidatedAccess? {
        (try? await lookUp(bearer)) ?? nil
    }

    /// As `validate`, but a storage failure is thrown rather than read as "not valid".
    func lookUp(_ bearer: String) async throws -> ValidatedAccess? {
        // The checksum is checked before any database read, so forged or mistyped tokens cost nothing.
        guard let token = try? OpaqueToken(parsing: bearer), token.kind == .accessToken else { return nil }
        let now = services.clock.now()
        let tokenHash = TokenHash(of: token).hex
        // One joined read (token, session, user): this runs for every token the homeserver introspects.
        let access = try await services.storage.read { repositories -> ValidatedAccess? in
            guard let found = try await repositories.accessTokens.findWithSession(tokenHash: tokenHash),
                  found.token.isValid(at: now), found.session.isActive
            else { return nil }
            guard found.session.userID != nil else { return ValidatedAccess(token: found.token, session: found.session, user: nil) }
            guard let user = found.user, user.isActive else { return nil }
            return ValidatedAccess(token: found.token, session: found.session, user: user)
        }
        // Written only the first time, so the common case stays a read.
        guard let access, access.token.firstUsedAt == nil else { return access }
        try await services.storage.transaction { try await $0.accessTokens.markFirstUsed(id: access.token.id, at: now) }
        var used = access.token
        used.firstUsedAt = now
        return ValidatedAccess(token: used, session: access.session, user: access.user)
    }

    /// As `lookUp`, for introspection, which has parsed the token (and checked its checksum) to sort
    /// tokens by kind: the same checks and first-use record, on a read of only the columns its
    /// answer needs (`AccessTokenGrant`) instead of the whole token, session and user. The grant's
    /// `firstUsedAt` is as read, before this use was recorded.
    func lookUpGrant(_ token: OpaqueToken) async throws -> AccessTokenGrant? {
        guard token.kind == .accessToken else { return nil }
        let now = services.clock.now()
        let tokenHash = TokenHash(of: token).hex
        let found = try await services.storage.read { try await $0.accessTokens.findGrant(tokenHash: tokenHash) }
        guard let grant = found, grant.isUsable(at: now) else { return nil }
        if grant.firstUsedAt == nil {
            try await services.storage.transaction { try await $0.accessTokens.markFirstUsed(id: grant.tokenID, at: now) }
        }
        return grant
    }
}
