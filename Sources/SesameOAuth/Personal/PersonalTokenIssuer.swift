import Foundation
import SesameCrypto
import SesameModel
import SesameStorage

/// Creating, re-issuing and revoking personal access tokens (`mpt_…`): shared by the admin API
/// (an admin for any user) and the account page (a user for themself). The token is returned once
/// and only its hash is stored.
public struct PersonalTokenIssuer: Sendable {
    let services: OAuthServices

    /// The longest lifetime a personal token may be given: ten years.
    public static let maximumLifetime = 10 * 365 * 24 * 3600
    /// The longest name a personal session may have.
    public static let maximumNameLength = 255

    /// Creates the issuer.
    public init(services: OAuthServices) { self.services = services }

    /// A new session and its first token.
    public struct Issued: Sendable {
        public var session: PersonalSession
        public var token: PersonalAccessToken
        /// The `mpt_` token itself: show it once, never store or log it.
        public var plaintext: String
    }

    /// Checks the request and creates a session acting as `actor`, owned by `owner`, with a token
    /// that expires after `lifetime` seconds (never when nil).
    public func create(owner: PersonalSessionOwner, actor: User, name: String, scope: Scope, lifetime: Int?) async throws -> Issued {
        guard actor.isActive else { throw PersonalTokenProblem.actorInactive(actor.username.rawValue) }
        let name = try Self.validName(name)
        try checkScope(scope, for: actor)
        let lifetime = try Self.validLifetime(lifetime)
        return try await services.storage.transaction { repositories in
            let now = services.clock.now()
            let session = PersonalSession(id: PersonalSessionID(date: now), owner: owner, actorUserID: actor.id, humanName: name, scope: scope, createdAt: now)
            try await repositories.personalSessions.add(session)
            let (token, plaintext) = try await Self.mint(for: session.id, lifetime: lifetime, at: now, in: repositories)
            return Issued(session: session, token: token, plaintext: plaintext)
        }
    }

    /// Revokes the session and every token it holds.
    public func revoke(_ sessionID: PersonalSessionID) async throws {
        let now = services.clock.now()
        try await services.storage.transaction { repositories in
            try await repositories.personalSessions.revoke(id: sessionID, at: now)
            try await repositories.personalAccessTokens.revokeAll(in: sessionID, at: now)
        }
    }

    /// The name trimmed, when it is 1 to 255 characters.
    public static func validName(_ name: String) throws(PersonalTokenProblem) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= maximumNameLength else { throw .invalidName }
        return trimmed
    }

    /// `seconds` when it is a lifetime a token may have (nil: never expires).
    public static func validLifetime(_ seconds: Int?) throws(PersonalTokenProblem) -> Int? {
        guard let seconds else { return nil }
        guard (1...maximumLifetime).contains(seconds) else { throw .invalidLifetime }
        return seconds
    }

    /// Admin scopes only for users who may request them (the database flag or `policy.data.admin_users`).
    public func checkScope(_ scope: Scope, for actor: User) throws(PersonalTokenProblem) {
        guard !scope.isEmpty else { throw .emptyScope }
        let admin = [MatrixScope.synapseAdmin, MatrixScope.masAdmin].filter(scope.contains)
        if let first = admin.first, !mayRequestAdmin(actor) {
            throw .adminScopeRefused(actor.username.rawValue, first.rawValue)
        }
    }

    /// Whether `user` may hold admin scopes.
    public func mayRequestAdmin(_ user: User) -> Bool {
        user.canRequestAdmin || services.settings.adminUsernames.contains(user.username.rawValue)
    }

    /// Mints a fresh `mpt_` token for the session and stores only its hash, inside the caller's transaction.
    public static func mint(
        for sessionID: PersonalSessionID, lifetime: Int?, at now: Date, in repositories: any Repositories
    ) async throws -> (PersonalAccessToken, String) {
        let plaintext = OpaqueToken.generate(.personalAccessToken)
        let token = PersonalAccessToken(
            id: PersonalAccessTokenID(date: now), sessionID: sessionID, createdAt: now,
            expiresAt: lifetime.map { now.addingTimeInterval(TimeInterval($0)) }
        )
        try await repositories.personalAccessTokens.add(token, tokenHash: TokenHash(of: plaintext).hex)
        return (token, plaintext.value)
    }
}
