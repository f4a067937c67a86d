import Foundation
import HummingbirdTesting
import SesameAPI
import SesameModel
import SesameOAuth
import Testing

/// Personal access tokens (`mpt_…`) as GraphQL Bearer credentials, under the rules the admin API
/// applies to them: `urn:mas:graphql:*` to act as the actor, `urn:mas:admin` as well for admin powers.
@Suite struct GraphQLPersonalTokenAuthorizationTests {
    static let viewer = "query { viewer { __typename ... on User { username } } }"
    static let users = "query { users(first: 10) { totalCount } }"

    @Test func aPersonalTokenWithTheGraphQLScopeActsAsItsActorWithoutAdminPowers() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let bob = try await h.user("bob")
            let token = try await h.personalToken(for: alice, scope: [MatrixScope.masGraphQL])
            #expect(try await client.graphql(Self.viewer, as: .bearer(token))["data.viewer.username"] as? String == "alice")
            #expect(try await client.graphql(Self.users, as: .bearer(token)).errorMessage == "Unauthorized")
            let other = try await client.graphql(#"query { user(id: "user:\#(bob.id)") { username } }"#, as: .bearer(token))
            #expect(other["data.user"] is NSNull)
        }
    }

    @Test func aPersonalTokenWithTheAdminScopeAsWellIsAnAdmin() async throws {
        try await GraphQLHarness.with { h, client in
            let root = try await h.user("root", admin: true)
            _ = try await h.user("bob")
            let token = try await h.personalToken(for: root, scope: [MatrixScope.masGraphQL, MatrixScope.masAdmin])
            #expect(try await client.graphql(Self.users, as: .bearer(token))["data.users.totalCount"] as? Int == 2)
            // MAS's ViewerSession has no member for personal sessions.
            #expect(try await client.graphql("query { viewerSession { __typename } }", as: .bearer(token))["data.viewerSession.__typename"] as? String == "Anonymous")
        }
    }

    @Test func aPersonalTokenWithoutTheGraphQLScopeIsRefused() async throws {
        try await GraphQLHarness.with { h, client in
            let root = try await h.user("root", admin: true)
            let token = try await h.personalToken(for: root, scope: [MatrixScope.api, MatrixScope.masAdmin])
            let answer = try await client.graphql(Self.viewer, as: .bearer(token))
            #expect(answer.status == .unauthorized)
            #expect(answer["data"] == nil)
            #expect(answer.errorMessage?.contains("urn:mas:graphql:*") == true)
        }
    }

    @Test func anExpiredPersonalTokenIsRefused() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let token = try await h.personalToken(for: alice, scope: [MatrixScope.masGraphQL], lifetime: 60)
            #expect(try await client.graphql(Self.viewer, as: .bearer(token))["data.viewer.username"] as? String == "alice")
            h.clock.advance(by: 61)
            let answer = try await client.graphql(Self.viewer, as: .bearer(token))
            #expect(answer.status == .unauthorized)
            #expect(answer["data"] == nil)
        }
    }

    @Test func aRevokedPersonalTokenIsRefused() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let issued = try await PersonalTokenIssuer(services: h.services)
                .create(owner: .user(alice.id), actor: alice, name: "script", scope: [MatrixScope.masGraphQL], lifetime: nil)
            try await PersonalTokenIssuer(services: h.services).revoke(issued.session.id)
            let answer = try await client.graphql(Self.viewer, as: .bearer(issued.plaintext))
            #expect(answer.status == .unauthorized)
            #expect(answer["data"] == nil)
        }
    }

    @Test func aLockedActorsPersonalTokenIsRefused() async throws {
        try await GraphQLHarness.with { h, client in
            let root = try await h.user("root", admin: true)
            let token = try await h.personalToken(for: root, scope: [MatrixScope.masGraphQL, MatrixScope.masAdmin])
            _ = try await h.accounts.setLocked(username: "root", true)
            let answer = try await client.graphql(Self.users, as: .bearer(token))
            #expect(answer.status == .unauthorized)
            #expect(answer["data"] == nil)
        }
    }

    @Test func aLockedOwnersTokenIsRefusedEvenWhenTheActorIsActive() async throws {
        try await GraphQLHarness.with { h, client in
            let root = try await h.user("root", admin: true)
            let bot = try await h.user("bot")
            let issued = try await PersonalTokenIssuer(services: h.services)
                .create(owner: .user(root.id), actor: bot, name: "bot token", scope: [MatrixScope.masGraphQL], lifetime: nil)
            #expect(try await client.graphql(Self.viewer, as: .bearer(issued.plaintext))["data.viewer.username"] as? String == "bot")
            _ = try await h.accounts.setLocked(username: "root", true)
            #expect(try await client.graphql(Self.viewer, as: .bearer(issued.plaintext)).status == .unauthorized)
        }
    }

    @Test func anAdminPersonalTokenCannotCreateOAuthSessionsWithoutAClient() async throws {
        try await GraphQLHarness.with { h, client in
            let root = try await h.user("root", admin: true)
            let alice = try await h.user("alice")
            let token = try await h.personalToken(for: root, scope: [MatrixScope.masGraphQL, MatrixScope.masAdmin])
            let answer = try await client.graphql(
                #"mutation { createOauth2Session(input: { userId: "user:\#(alice.id)", scope: "openid" }) { accessToken } }"#, as: .bearer(token)
            )
            #expect(answer.errorMessage?.contains("needs an OAuth access token") == true)
        }
    }
}

extension AdminHarness {
    /// A personal access token acting as (and owned by) `user`.
    func personalToken(for user: User, scope: Scope, lifetime: Int? = nil) async throws -> String {
        try await PersonalTokenIssuer(services: services).create(owner: .user(user.id), actor: user, name: "test token", scope: scope, lifetime: lifetime).plaintext
    }
}
