import Foundation
import HummingbirdTesting
import SesameCrypto
import SesameAPI
import SesameModel
import Testing

/// Who may see what through `/graphql`: cookies, graphql-scoped tokens, admin tokens, and refusals.
@Suite struct GraphQLAuthorizationTests {
    static let viewer = "query { viewer { __typename ... on User { username } } }"
    static let users = "query { users(first: 10) { totalCount } }"

    @Test func withoutCredentialsTheViewerIsAnonymous() async throws {
        try await GraphQLHarness.with { _, client in
            let answer = try await client.graphql(Self.viewer)
            #expect(answer.status == .ok)
            #expect(answer["data.viewer.__typename"] as? String == "Anonymous")
        }
    }

    @Test func aSessionCookieActsAsItsUserOnTheirOwnData() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let bob = try await h.user("bob")
            let cookie = try h.sessionCookie(for: try await h.browserSession(for: alice))
            let viewer = try await client.graphql(Self.viewer, as: .cookie(cookie))
            #expect(viewer["data.viewer.username"] as? String == "alice")
            let other = try await client.graphql(#"query { user(id: "user:\#(bob.id)") { username } }"#, as: .cookie(cookie))
            #expect(other.errorMessage == nil)
            #expect(other["data.user"] is NSNull)
        }
    }

    @Test func aSessionCookieIsNeverAdminEvenForAnAdminUser() async throws {
        try await GraphQLHarness.with { h, client in
            let root = try await h.user("root", admin: true)
            let cookie = try h.sessionCookie(for: try await h.browserSession(for: root))
            let answer = try await client.graphql(Self.users, as: .cookie(cookie))
            #expect(answer.errorMessage == "Unauthorized")
            #expect(answer["data.users"] == nil || answer["data"] is NSNull)
        }
    }

    @Test func aGraphQLScopedTokenActsAsItsOwnerWithoutAdminPowers() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            #expect(try await client.graphql(Self.viewer, as: .bearer(token))["data.viewer.username"] as? String == "alice")
            #expect(try await client.graphql(Self.users, as: .bearer(token)).errorMessage == "Unauthorized")
        }
    }

    @Test func anAdminScopedTokenSeesEveryUser() async throws {
        try await GraphQLHarness.with { h, client in
            let root = try await h.user("root", admin: true)
            let bob = try await h.user("bob")
            let token = try await h.token(user: root, scope: [MatrixScope.masGraphQL, MatrixScope.masAdmin])
            #expect(try await client.graphql(Self.users, as: .bearer(token))["data.users.totalCount"] as? Int == 2)
            let other = try await client.graphql(#"query { user(id: "user:\#(bob.id)") { username } }"#, as: .bearer(token))
            #expect(other["data.user.username"] as? String == "bob")
        }
    }

    @Test func aTokenWithoutTheGraphQLScopeIsRefused() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.api, MatrixScope.masAdmin])
            let answer = try await client.graphql(Self.viewer, as: .bearer(token))
            #expect(answer.status == .unauthorized)
            #expect(answer["data"] == nil)
            #expect(answer.errorMessage?.contains("urn:mas:graphql:*") == true)
        }
    }

    @Test func anExpiredTokenIsRefused() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            h.clock.advance(by: h.services.settings.accessTokenLifetime + 1)
            let answer = try await client.graphql(Self.viewer, as: .bearer(token))
            #expect(answer.status == .unauthorized)
            #expect(answer["data"] == nil)
        }
    }

    @Test func aRevokedTokenIsRefused() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let now = h.clock.now()
            try await h.storage.transaction { repositories in
                let stored = try #require(try await repositories.accessTokens.find(tokenHash: TokenHash(of: token).hex))
                try await repositories.accessTokens.revoke(id: stored.id, at: now)
            }
            let answer = try await client.graphql(Self.viewer, as: .bearer(token))
            #expect(answer.status == .unauthorized)
            #expect(answer["data"] == nil)
        }
    }

    @Test func aLockedUsersTokenAndCookieStopWorking() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let cookie = try h.sessionCookie(for: try await h.browserSession(for: alice))
            _ = try await h.accounts.setLocked(username: "alice", true)
            #expect(try await client.graphql(Self.viewer, as: .bearer(token)).status == .unauthorized)
            #expect(try await client.graphql(Self.viewer, as: .cookie(cookie))["data.viewer.__typename"] as? String == "Anonymous")
        }
    }

    @Test func aClientCredentialsTokenWithBothScopesIsAnAdminWithoutAViewer() async throws {
        try await GraphQLHarness.with { h, client in
            _ = try await h.user("alice")
            let token = try await h.token(user: nil, scope: [MatrixScope.masGraphQL, MatrixScope.masAdmin])
            let answer = try await client.graphql("query { viewer { __typename } users(first: 5) { totalCount } }", as: .bearer(token))
            #expect(answer["data.viewer.__typename"] as? String == "Anonymous")
            #expect(answer["data.users.totalCount"] as? Int == 1)
        }
    }

    @Test func aQueryNestedTooDeeplyIsRefused() async throws {
        try await GraphQLHarness.with { _, client in
            let deep = String(repeating: "viewerSession { ... on Oauth2Session { user { oauth2Sessions { nodes { ", count: 3)
                + "id" + String(repeating: " } } } } }", count: 3)
            let answer = try await client.graphql("query { \(deep) }")
            #expect(answer.errorMessage?.contains("deeper") == true)
            #expect(answer["data"] == nil)
        }
    }
}
