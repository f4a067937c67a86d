import Foundation
import SQLKit
import SesameModel
@testable import SesameStorage
import Testing

@Suite("Personal sessions and tokens")
struct PersonalSessionRepositoryTests {
    let fixtures = Fixtures()

    @Test("a session a user made for themself reads back with every field", arguments: TestBackend.available)
    func userOwnedRoundTrip(backend: TestBackend) async throws {
        let user = fixtures.user()
        let now = fixtures.clock.now()
        let session = PersonalSession(
            id: PersonalSessionID(date: now), owner: .user(user.id), actorUserID: user.id, humanName: "backup bot",
            scope: ["urn:matrix:client:api:*", "urn:matrix:client:device:BOT"], createdAt: now, revokedAt: now.addingTimeInterval(90),
            activity: ActivityRecord(userAgent: "curl/8.5", lastActiveAt: now.addingTimeInterval(60), lastActiveIP: "203.0.113.9")
        )
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(user)
                try await repositories.personalSessions.add(session)
            }
            let found = try await storage.read { try await $0.personalSessions.find(id: session.id) }
            #expect(found == session)
        }
    }

    @Test("a session an admin client made on a user's behalf reads back with the client as owner", arguments: TestBackend.available)
    func clientOwnedRoundTrip(backend: TestBackend) async throws {
        let user = fixtures.user()
        let client = fixtures.client()
        let session = personalSession(owner: .client(client.id), actor: user)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(user)
                try await repositories.oauthClients.add(client)
                try await repositories.personalSessions.add(session)
            }
            let found = try await storage.read { try await $0.personalSessions.find(id: session.id) }
            #expect(found == session)
            #expect(found?.owner == .client(client.id))
        }
    }

    @Test("the sessions acting as a user are listed newest first", arguments: TestBackend.available)
    func listByActor(backend: TestBackend) async throws {
        let alice = fixtures.user("alice")
        let bob = fixtures.user("bob")
        var sessions: [PersonalSession] = []
        for name in ["first", "second", "third"] {
            var session = personalSession(owner: .user(alice.id), actor: alice)
            session.humanName = name
            sessions.append(session)
            fixtures.clock.advance(by: 1)
        }
        let bobs = personalSession(owner: .user(alice.id), actor: bob)
        let all = sessions
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.users.add(bob)
                for session in all { try await repositories.personalSessions.add(session) }
                try await repositories.personalSessions.add(bobs)
            }
            let listed = try await storage.read { try await $0.personalSessions.list(actor: alice.id) }
            #expect(listed.map(\.humanName) == ["third", "second", "first"])
        }
    }

    @Test("revoking a session stamps it and keeps the first time", arguments: TestBackend.available)
    func revoke(backend: TestBackend) async throws {
        let user = fixtures.user()
        let session = personalSession(owner: .user(user.id), actor: user)
        let revokedAt = fixtures.clock.now().addingTimeInterval(10)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(user)
                try await repositories.personalSessions.add(session)
            }
            try await storage.transaction { try await $0.personalSessions.revoke(id: session.id, at: revokedAt) }
            try await storage.transaction { try await $0.personalSessions.revoke(id: session.id, at: revokedAt.addingTimeInterval(5)) }
            let found = try await storage.read { try await $0.personalSessions.find(id: session.id) }
            #expect(found?.revokedAt == revokedAt)
        }
    }

    @Test("the schema refuses a session with no owner or with two", arguments: TestBackend.available)
    func ownerConstraint(backend: TestBackend) async throws {
        let user = fixtures.user()
        let client = fixtures.client()
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(user)
                try await repositories.oauthClients.add(client)
            }
            for (ownerUserID, ownerClientID) in [(nil, nil), (user.id.description, client.id.description)] as [(String?, String?)] {
                let id = PersonalSessionID(date: now).description
                await #expect(throws: (any Error).self) {
                    try await storage.transaction { repositories in
                        let sql = try #require(repositories as? SQLRepositories).sql
                        try await sql.raw("""
                            INSERT INTO personal_sessions (id, owner_user_id, owner_client_id, actor_user_id, human_name, scope, created_at)
                            VALUES (\(bind: id), \(bind: ownerUserID), \(bind: ownerClientID), \(bind: user.id.description), 'bot', 'openid', \(bind: now))
                            """).run()
                    }
                }
            }
            let listed = try await storage.read { try await $0.personalSessions.list(actor: user.id) }
            #expect(listed.isEmpty)
        }
    }

    @Test("a stored personal access token reads back by its hash", arguments: TestBackend.available)
    func tokenRoundTrip(backend: TestBackend) async throws {
        let user = fixtures.user()
        let session = personalSession(owner: .user(user.id), actor: user)
        let now = fixtures.clock.now()
        let token = PersonalAccessToken(
            id: PersonalAccessTokenID(date: now), sessionID: session.id, createdAt: now,
            expiresAt: now.addingTimeInterval(86_400), revokedAt: now.addingTimeInterval(3_600)
        )
        let hash = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(user)
                try await repositories.personalSessions.add(session)
                try await repositories.personalAccessTokens.add(token, tokenHash: hash)
            }
            let found = try await storage.read { try await $0.personalAccessTokens.find(tokenHash: hash) }
            let unknown = try await storage.read { try await $0.personalAccessTokens.find(tokenHash: fixtures.tokenHash()) }
            #expect(found == token)
            #expect(unknown == nil)
        }
    }

    @Test("the active token is the session's newest unrevoked one", arguments: TestBackend.available)
    func activeToken(backend: TestBackend) async throws {
        let user = fixtures.user()
        let session = personalSession(owner: .user(user.id), actor: user)
        let oldest = accessToken(session)
        fixtures.clock.advance(by: 1)
        let middle = accessToken(session)
        fixtures.clock.advance(by: 1)
        var newest = accessToken(session)
        newest.revokedAt = fixtures.clock.now()
        let revokedNewest = newest
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(user)
                try await repositories.personalSessions.add(session)
                for token in [middle, revokedNewest, oldest] {
                    try await repositories.personalAccessTokens.add(token, tokenHash: fixtures.tokenHash())
                }
            }
            let active = try await storage.read { try await $0.personalAccessTokens.active(in: session.id) }
            #expect(active == middle)
        }
    }

    @Test("revoking a session's tokens leaves other sessions' tokens alone", arguments: TestBackend.available)
    func revokeAllTokens(backend: TestBackend) async throws {
        let user = fixtures.user()
        let bot = personalSession(owner: .user(user.id), actor: user)
        fixtures.clock.advance(by: 1)
        let script = personalSession(owner: .user(user.id), actor: user)
        let botToken = accessToken(bot)
        let scriptToken = accessToken(script)
        let revokedAt = fixtures.clock.now().addingTimeInterval(10)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(user)
                try await repositories.personalSessions.add(bot)
                try await repositories.personalSessions.add(script)
                try await repositories.personalAccessTokens.add(botToken, tokenHash: fixtures.tokenHash())
                try await repositories.personalAccessTokens.add(scriptToken, tokenHash: fixtures.tokenHash())
            }
            try await storage.transaction { try await $0.personalAccessTokens.revokeAll(in: bot.id, at: revokedAt) }
            let botActive = try await storage.read { try await $0.personalAccessTokens.active(in: bot.id) }
            let scriptActive = try await storage.read { try await $0.personalAccessTokens.active(in: script.id) }
            #expect(botActive == nil)
            #expect(scriptActive == scriptToken)
        }
    }

    // MARK: - Setup

    private func personalSession(owner: PersonalSessionOwner, actor: User) -> PersonalSession {
        PersonalSession(
            id: PersonalSessionID(date: fixtures.clock.now()), owner: owner, actorUserID: actor.id, humanName: "bot",
            scope: ["urn:matrix:client:api:*"], createdAt: fixtures.clock.now()
        )
    }

    private func accessToken(_ session: PersonalSession) -> PersonalAccessToken {
        PersonalAccessToken(id: PersonalAccessTokenID(date: fixtures.clock.now()), sessionID: session.id, createdAt: fixtures.clock.now(), expiresAt: nil)
    }
}
