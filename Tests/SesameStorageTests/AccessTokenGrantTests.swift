import Foundation
import SesameModel
import SesameStorage
import Testing

/// `findGrant`, introspection's lean read, must say what the full read (`findWithSession`) and the
/// models' rules say: it selects fewer columns and, on SQLite, reads them by position.
@Suite("Access-token grants (introspection's read)")
struct AccessTokenGrantTests {
    let fixtures = Fixtures()

    private var now: Date { fixtures.clock.now() }

    private func token(in session: OAuthSession, lifetime: TimeInterval? = 300) -> AccessToken {
        AccessToken(
            id: AccessTokenID(date: now), sessionID: session.id, createdAt: now,
            expiresAt: lifetime.map { now.addingTimeInterval($0) }
        )
    }

    @Test("the grant holds the token's, session's and user's values that the full read holds", arguments: TestBackend.available)
    func sameValuesAsTheFullRead(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let client = fixtures.client()
        let session = OAuthSession(
            id: OAuthSessionID(date: now), clientID: client.id, userID: alice.id,
            scope: ["openid", "urn:matrix:client:api:*", "urn:matrix:client:device:ABCDEFGH"], createdAt: now
        )
        var stored = token(in: session)
        stored.firstUsedAt = now.addingTimeInterval(1)
        let accessToken = stored
        let hash = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.oauthClients.add(client)
                try await repositories.oauthSessions.add(session)
                try await repositories.accessTokens.add(accessToken, tokenHash: hash)
            }
            let grant = try #require(try await storage.read { try await $0.accessTokens.findGrant(tokenHash: hash) })
            let full = try #require(try await storage.read { try await $0.accessTokens.findWithSession(tokenHash: hash) })
            #expect(grant.tokenID == full.token.id)
            #expect(grant.createdAt == full.token.createdAt)
            #expect(grant.expiresAt == full.token.expiresAt)
            #expect(grant.revokedAt == nil)
            #expect(grant.firstUsedAt == full.token.firstUsedAt)
            #expect(grant.firstUsedAt != nil)
            #expect(grant.sessionID == full.session.id)
            #expect(grant.sessionFinishedAt == nil)
            #expect(grant.clientID == client.id)
            #expect(grant.scope == full.session.scope)
            #expect(grant.scope.contains("urn:matrix:client:device:ABCDEFGH"))
            #expect(grant.subject == .user(id: alice.id, username: alice.username, lockedAt: nil, deactivatedAt: nil))
            let unknown = try await storage.read { try await $0.accessTokens.findGrant(tokenHash: fixtures.tokenHash()) }
            #expect(unknown == nil)
        }
    }

    /// One stored token per state the validity rules distinguish. A session whose user row is gone
    /// (`Subject.missingUser`) cannot be stored: `oauth_sessions.user_id` cascades on delete.
    private enum Standing: String, CaseIterable {
        case fresh, neverExpires, expired, revoked, sessionFinished, userLocked, userDeactivated, clientsOwnSession

        var isUsable: Bool { [.fresh, .neverExpires, .clientsOwnSession].contains(self) }
    }

    @Test("a grant is usable exactly when the token, its session and its user are, as the models decide", arguments: TestBackend.available)
    func usableAsTheModelsDecide(backend: TestBackend) async throws {
        let client = fixtures.client()
        let checkedAt = now.addingTimeInterval(120)
        let hashes = Dictionary(uniqueKeysWithValues: Standing.allCases.map { ($0, fixtures.tokenHash()) })
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.oauthClients.add(client)
                for standing in Standing.allCases {
                    let user = fixtures.user("user-\(standing.rawValue.lowercased())")
                    try await repositories.users.add(user)
                    let session = OAuthSession(
                        id: OAuthSessionID(date: now), clientID: client.id, userID: standing == .clientsOwnSession ? nil : user.id,
                        scope: ["openid"], createdAt: now
                    )
                    try await repositories.oauthSessions.add(session)
                    let lifetime: TimeInterval? = switch standing {
                    case .neverExpires: nil
                    case .expired: 60
                    default: 300
                    }
                    let stored = token(in: session, lifetime: lifetime)
                    try await repositories.accessTokens.add(stored, tokenHash: hashes[standing]!)
                    switch standing {
                    case .revoked: try await repositories.accessTokens.revoke(id: stored.id, at: now.addingTimeInterval(5))
                    case .sessionFinished: try await repositories.oauthSessions.finish(id: session.id, at: now.addingTimeInterval(5))
                    case .userLocked: try await repositories.users.setLocked(id: user.id, at: now.addingTimeInterval(5))
                    case .userDeactivated: try await repositories.users.setDeactivated(id: user.id, at: now.addingTimeInterval(5))
                    case .fresh, .neverExpires, .expired, .clientsOwnSession: break
                    }
                }
            }
            for standing in Standing.allCases {
                let hash = hashes[standing]!
                let grant = try #require(try await storage.read { try await $0.accessTokens.findGrant(tokenHash: hash) })
                let full = try #require(try await storage.read { try await $0.accessTokens.findWithSession(tokenHash: hash) })
                let byModels = full.token.isValid(at: checkedAt) && full.session.isActive
                    && (full.session.userID == nil || full.user?.isActive == true)
                #expect(grant.isUsable(at: checkedAt) == standing.isUsable, "\(standing)")
                #expect(byModels == standing.isUsable, "\(standing)")
            }
        }
    }
}
