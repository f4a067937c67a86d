import Foundation
import HummingbirdTesting
import SesameAPI
import SesameModel
import Testing

/// Self-service personal access tokens through GraphQL.
struct GraphQLPersonalSessionTests {
    static let create = """
        mutation($name: String!, $scope: String!, $expiresIn: Int) {
          createPersonalSession(input: { humanName: $name, scope: $scope, expiresIn: $expiresIn }) { status accessToken personalSession { id state expiresAt actor { username } } }
        }
        """
    static let revoke = "mutation($id: ID!) { revokePersonalSession(input: { personalSessionId: $id }) { status personalSession { state revokedAt } } }"
    static let list = "query { viewer { ... on User { personalSessions(first: 10) { totalCount nodes { id humanName scope state } } } } }"

    @Test func aUserCreatesListsAndRevokesTheirOwnToken() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let cookie = try h.sessionCookie(for: try await h.browserSession(for: alice))
            let created = try await client.graphql(Self.create, variables: ["name": "backup script", "scope": "urn:matrix:client:api:*", "expiresIn": 3600], as: .cookie(cookie))
            #expect(created["data.createPersonalSession.status"] as? String == "CREATED")
            #expect((created["data.createPersonalSession.accessToken"] as? String)?.hasPrefix("mpt_") == true)
            #expect(created["data.createPersonalSession.personalSession.actor.username"] as? String == "alice")
            #expect(created["data.createPersonalSession.personalSession.expiresAt"] as? String != nil)
            let id = try #require(created["data.createPersonalSession.personalSession.id"] as? String)

            let listed = try await client.graphql(Self.list, as: .cookie(cookie))
            #expect(listed["data.viewer.personalSessions.totalCount"] as? Int == 1)
            #expect(listed["data.viewer.personalSessions.nodes.0.humanName"] as? String == "backup script")

            let revoked = try await client.graphql(Self.revoke, variables: ["id": id], as: .cookie(cookie))
            #expect(revoked["data.revokePersonalSession.status"] as? String == "REVOKED")
            #expect(revoked["data.revokePersonalSession.personalSession.state"] as? String == "REVOKED")
        }
    }

    @Test func badRequestsAreAnsweredWithAStatus() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            func status(_ variables: [String: Any]) async throws -> String? {
                try await client.graphql(Self.create, variables: variables, as: .bearer(token))["data.createPersonalSession.status"] as? String
            }
            #expect(try await status(["name": "x", "scope": "urn:mas:admin"]) == "SCOPE_NOT_ALLOWED")
            #expect(try await status(["name": "x", "scope": "openid", "expiresIn": 0]) == "INVALID_EXPIRY")
            #expect(try await status(["name": "   ", "scope": "openid"]) == "INVALID_NAME")
            #expect(try await status(["name": "x", "scope": ""]) == "INVALID_SCOPE")
            #expect(try await client.graphql(Self.list, as: .bearer(token))["data.viewer.personalSessions.totalCount"] as? Int == 0)
        }
    }

    @Test func anotherUsersTokenCannotBeSeenOrRevoked() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let bob = try await h.user("bob")
            let alicesToken = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let created = try await client.graphql(Self.create, variables: ["name": "mine", "scope": "openid"], as: .bearer(alicesToken))
            let id = try #require(created["data.createPersonalSession.personalSession.id"] as? String)
            let bobsToken = try await h.token(user: bob, scope: [MatrixScope.masGraphQL])
            #expect(try await client.graphql(Self.revoke, variables: ["id": id], as: .bearer(bobsToken))["data.revokePersonalSession.status"] as? String == "NOT_FOUND")
            #expect(try await client.graphql("query($id: ID!) { node(id: $id) { id } }", variables: ["id": id], as: .bearer(bobsToken))["data.node"] is NSNull)
            #expect(try await client.graphql(Self.create, variables: ["name": "x", "scope": "openid"]).errorMessage == "Unauthorized")
        }
    }
}
