import Foundation
import HummingbirdTesting
import SesameAPI
import SesameModel
import SesameOAuth
import Testing

/// The users connection, admin mutations, session ending, and the committed schema.
@Suite struct GraphQLSchemaTests {
    static func adminToken(_ h: AdminHarness) async throws -> String {
        let root = try await h.user("root", admin: true)
        return try await h.token(user: root, scope: [MatrixScope.masGraphQL, MatrixScope.masAdmin])
    }

    @Test func theUsersConnectionPagesForwardAndBackward() async throws {
        try await GraphQLHarness.with { h, client in
            let token = try await Self.adminToken(h)
            for name in ["u1", "u2", "u3", "u4"] { _ = try await h.user(name) }
            let page = "pageInfo { hasNextPage hasPreviousPage endCursor startCursor } totalCount nodes { username }"
            let first = try await client.graphql("query { users(first: 2) { \(page) } }", as: .bearer(token))
            #expect((first["data.users.nodes"] as? [[String: Any]])?.compactMap { $0["username"] as? String } == ["root", "u1"])
            #expect(first["data.users.totalCount"] as? Int == 5)
            #expect(first["data.users.pageInfo.hasNextPage"] as? Bool == true)
            let cursor = try #require(first["data.users.pageInfo.endCursor"] as? String)
            #expect(cursor.hasPrefix("user:"))
            let second = try await client.graphql(
                "query($after: String) { users(first: 3, after: $after) { \(page) } }", variables: ["after": cursor], as: .bearer(token)
            )
            #expect((second["data.users.nodes"] as? [[String: Any]])?.compactMap { $0["username"] as? String } == ["u2", "u3", "u4"])
            #expect(second["data.users.pageInfo.hasNextPage"] as? Bool == false)
            let last = try await client.graphql("query { users(last: 2) { \(page) } }", as: .bearer(token))
            #expect((last["data.users.nodes"] as? [[String: Any]])?.compactMap { $0["username"] as? String } == ["u3", "u4"])
            #expect(last["data.users.pageInfo.hasPreviousPage"] as? Bool == true)
        }
    }

    @Test func anAdminLocksAUser() async throws {
        try await GraphQLHarness.with { h, client in
            let token = try await Self.adminToken(h)
            let bob = try await h.user("bob")
            let answer = try await client.graphql(
                "mutation($id: ID!) { lockUser(input: { userId: $id }) { status user { lockedAt } } }", variables: ["id": "user:\(bob.id)"], as: .bearer(token)
            )
            #expect(answer["data.lockUser.status"] as? String == "LOCKED")
            #expect(answer["data.lockUser.user.lockedAt"] is String)
            #expect(try await h.storage.read { try await $0.users.find(id: bob.id) }?.lockedAt != nil)
        }
    }

    @Test func aUserCannotLockAnyone() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let answer = try await client.graphql(#"mutation { lockUser(input: { userId: "user:\#(alice.id)" }) { status } }"#, as: .bearer(token))
            #expect(answer.errorMessage == "Unauthorized")
            #expect(try await h.storage.read { try await $0.users.find(id: alice.id) }?.lockedAt == nil)
        }
    }

    @Test func endingAnOAuthSessionMakesItsTokenInactive() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let graphqlToken = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let appToken = try await h.token(user: alice, scope: [MatrixScope.api, "urn:matrix:client:device:PHONE"])
            let session = try #require(await AccessTokenValidator(services: h.services).validate(appToken)).session
            let answer = try await client.graphql(
                "mutation($id: ID!) { endOauth2Session(input: { oauth2SessionId: $id }) { status oauth2Session { state finishedAt } } }",
                variables: ["id": "oauth2_session:\(session.id)"], as: .bearer(graphqlToken)
            )
            #expect(answer["data.endOauth2Session.status"] as? String == "ENDED")
            #expect(answer["data.endOauth2Session.oauth2Session.state"] as? String == "FINISHED")
            #expect(await AccessTokenValidator(services: h.services).validate(appToken) == nil)
        }
    }

    @Test func anotherUsersSessionIsNotFound() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let bob = try await h.user("bob")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let session = try await h.oauthSession(for: bob)
            let answer = try await client.graphql(
                "mutation($id: ID!) { endOauth2Session(input: { oauth2SessionId: $id }) { status } }",
                variables: ["id": "oauth2_session:\(session.id)"], as: .bearer(token)
            )
            #expect(answer["data.endOauth2Session.status"] as? String == "NOT_FOUND")
        }
    }

    /// `docs/schema.graphql` must match the code; run with `SESAME_UPDATE_GRAPHQL_SCHEMA=1` to rewrite it.
    @Test func theCommittedSchemaMatchesTheCode() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/schema.graphql")
        let generated = GraphQLRoutes.schemaSDL
        if ProcessInfo.processInfo.environment["SESAME_UPDATE_GRAPHQL_SCHEMA"] == "1" {
            try generated.write(to: file, atomically: true, encoding: .utf8)
        }
        let committed = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        #expect(
            committed == generated,
            "docs/schema.graphql is out of date; regenerate it with: SESAME_UPDATE_GRAPHQL_SCHEMA=1 swift test --filter GraphQLSchemaTests"
        )
    }
}
