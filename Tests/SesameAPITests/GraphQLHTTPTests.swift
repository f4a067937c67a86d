import Foundation
import Hummingbird
import HummingbirdTesting
import SesameAPI
import SesameModel
import Testing

/// GraphQL over HTTP: GET, the playground, `node`, and the owner's own mutations.
@Suite struct GraphQLHTTPTests {
    @Test func aGetRequestRunsAQueryButNotAMutation() async throws {
        try await GraphQLHarness.with { _, client in
            let query = "query{viewer{__typename}}".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await client.execute(uri: "/graphql?query=\(query)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Anonymous"))
            }
            let mutation = #"mutation{addUser(input:{username:"x"}){status}}"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await client.execute(uri: "/graphql?query=\(mutation)", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
            }
        }
    }

    @Test func thePlaygroundIsServedOnlyWhenEnabled() async throws {
        try await GraphQLHarness.with(playground: true) { _, client in
            try await client.execute(uri: "/graphql/playground", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<textarea"))
            }
        }
        try await GraphQLHarness.with(playground: false) { _, client in
            try await client.execute(uri: "/graphql/playground", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func nodeFindsTheViewersOwnObjectsByGlobalID() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let session = try await h.compatSession(for: alice)
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let answer = try await client.graphql(
                #"query { node(id: "compat_session:\#(session.id)") { __typename id ... on CompatSession { deviceId state } } }"#, as: .bearer(token)
            )
            #expect(answer["data.node.__typename"] as? String == "CompatSession")
            #expect(answer["data.node.deviceId"] as? String == "LEGACYDEV")
            #expect(answer["data.node.state"] as? String == "ACTIVE")
        }
    }

    @Test func aUserChangesTheirPasswordOnlyWithTheCurrentOne() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let mutation = "mutation($input: SetPasswordInput!) { setPassword(input: $input) { status } }"
            let wrong = try await client.graphql(mutation, variables: ["input": [
                "userId": "user:\(alice.id)", "currentPassword": "nope", "newPassword": "new horse battery",
            ]], as: .bearer(token))
            #expect(wrong["data.setPassword.status"] as? String == "WRONG_PASSWORD")
            let right = try await client.graphql(mutation, variables: ["input": [
                "userId": "user:\(alice.id)", "currentPassword": "correct horse battery", "newPassword": "new horse battery",
            ]], as: .bearer(token))
            #expect(right["data.setPassword.status"] as? String == "ALLOWED")
            #expect(try await h.accounts.verifyPassword("new horse battery", for: alice))
        }
    }

    @Test func aSignedInBrowserEndsItsOwnCompatSession() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let cookie = try h.sessionCookie(for: try await h.browserSession(for: alice))
            let session = try await h.compatSession(for: alice)
            let answer = try await client.graphql(
                "mutation($id: ID!) { endCompatSession(input: { compatSessionId: $id }) { status compatSession { state } } }",
                variables: ["id": "compat_session:\(session.id)"], as: .cookie(cookie)
            )
            #expect(answer["data.endCompatSession.status"] as? String == "ENDED")
            #expect(answer["data.endCompatSession.compatSession.state"] as? String == "FINISHED")
        }
    }

    @Test func aFormPostIsRefusedSoCookiesCannotBeRiddenCrossSite() async throws {
        try await GraphQLHarness.with { _, client in
            try await client.execute(
                uri: "/graphql", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "query=x")
            ) { response in
                #expect(response.status == .unsupportedMediaType)
            }
        }
    }
}
