import Foundation
import HummingbirdTesting
import SesameCrypto
import SesameModel
import Testing

/// Who may call the admin API: only bearers of a valid token with `urn:mas:admin`.
struct AdminAuthorizationTests {
    @Test func aRequestWithoutATokenIsUnauthorized() async throws {
        try await AdminHarness.with { _, client in
            let answer = try await client.admin(.get, "/users", token: nil)
            #expect(answer.status == .unauthorized)
            #expect(answer.errorTitle?.contains("Bearer") == true)
        }
    }

    @Test func aGarbageTokenIsUnauthorized() async throws {
        try await AdminHarness.with { _, client in
            let answer = try await client.admin(.get, "/users", token: "mat_not-a-real-token")
            #expect(answer.status == .unauthorized)
            #expect(answer.errorTitle != nil)
        }
    }

    @Test func anExpiredTokenIsUnauthorized() async throws {
        try await AdminHarness.with { h, client in
            h.clock.advance(by: h.services.settings.accessTokenLifetime + 1)
            let answer = try await client.admin(.get, "/users", token: h.adminToken)
            #expect(answer.status == .unauthorized)
        }
    }

    @Test func aTokenWithoutTheAdminScopeIsForbidden() async throws {
        try await AdminHarness.with { h, client in
            let alice = try await h.user()
            let token = try await h.token(user: alice, scope: [MatrixScope.api, MatrixScope.masGraphQL])
            let answer = try await client.admin(.get, "/users", token: token)
            #expect(answer.status == .forbidden)
            #expect(answer.errorTitle?.contains("urn:mas:admin") == true)
        }
    }

    @Test func anAdminUsersTokenWithTheAdminScopeIsAccepted() async throws {
        try await AdminHarness.with { h, client in
            let root = try await h.user("root", admin: true)
            let token = try await h.token(user: root, scope: [MatrixScope.masAdmin])
            let answer = try await client.admin(.get, "/users", token: token)
            #expect(answer.status == .ok)
            #expect(answer["meta.count"] as? Int == 1)
        }
    }

    @Test func anAdminClientsClientCredentialsTokenIsAccepted() async throws {
        try await AdminHarness.with { h, client in
            let answer = try await client.admin(.get, "/version", token: h.adminToken)
            #expect(answer.status == .ok)
            #expect(answer["version"] as? String != nil)
        }
    }

    @Test func aRevokedTokenIsUnauthorized() async throws {
        try await AdminHarness.with { h, client in
            let root = try await h.user("root", admin: true)
            let token = try await h.token(user: root, scope: [MatrixScope.masAdmin])
            #expect(try await client.admin(.get, "/users", token: token).status == .ok)
            let now = h.clock.now()
            try await h.storage.transaction { repositories in
                let stored = try #require(try await repositories.accessTokens.find(tokenHash: TokenHash(of: token).hex))
                try await repositories.accessTokens.revoke(id: stored.id, at: now)
            }
            #expect(try await client.admin(.get, "/users", token: token).status == .unauthorized)
        }
    }

    @Test func aBrowserSessionCookieIsNeverAnAdminCredential() async throws {
        try await AdminHarness.with { h, client in
            let root = try await h.user("root", admin: true)
            let cookie = try h.sessionCookie(for: try await h.browserSession(for: root))
            let answer = try await client.execute(uri: "/api/admin/v1/users", method: .get, headers: [.cookie: "sesame_session=\(cookie)"]) { $0.status }
            #expect(answer == .unauthorized)
        }
    }

    @Test func aGraphQLOnlyTokenOfAnAdminUserIsForbidden() async throws {
        try await AdminHarness.with { h, client in
            let root = try await h.user("root", admin: true)
            let token = try await h.token(user: root, scope: [MatrixScope.masGraphQL])
            #expect(try await client.admin(.get, "/users", token: token).status == .forbidden)
        }
    }

    @Test func aPersonalTokenWithTheAdminScopeIsAcceptedUntilRevokedOrItsUserLocked() async throws {
        try await AdminHarness.with { h, client in
            let root = try await h.user("root", admin: true)
            let bot = try await h.user("bot")
            func personalToken(for user: User, scope: String) async throws -> (id: String, token: String) {
                let created = try await client.admin(.post, "/personal-sessions", token: h.adminToken,
                                                     body: #"{"actor_user_id": "\#(user.id)", "human_name": "ops bot", "scope": "\#(scope)"}"#)
                return (try #require(created["data.id"] as? String), try #require(created["data.attributes.access_token"] as? String))
            }
            let admin = try await personalToken(for: root, scope: "urn:mas:admin")
            #expect(try await client.admin(.get, "/users", token: admin.token).status == .ok)
            let plain = try await personalToken(for: bot, scope: "urn:matrix:client:api:*")
            #expect(try await client.admin(.get, "/users", token: plain.token).status == .forbidden)
            _ = try await client.admin(.post, "/personal-sessions/\(admin.id)/revoke", token: h.adminToken)
            #expect(try await client.admin(.get, "/users", token: admin.token).status == .unauthorized)
            let second = try await personalToken(for: root, scope: "urn:mas:admin")
            _ = try await h.accounts.setLocked(username: "root", true)
            #expect(try await client.admin(.get, "/users", token: second.token).status == .unauthorized)
        }
    }

    @Test func aLockedAdminUsersTokenStopsWorking() async throws {
        try await AdminHarness.with { h, client in
            let root = try await h.user("root", admin: true)
            let token = try await h.token(user: root, scope: [MatrixScope.masAdmin])
            _ = try await h.accounts.setLocked(username: "root", true)
            #expect(try await client.admin(.get, "/users", token: token).status == .unauthorized)
        }
    }
}
