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

    @Test func wrongCurrentPasswordsRunOutTheLoginLimitThenTheMutationIsRefused() async throws {
        let limiter: @Sendable (any WallClock) -> LoginRateLimiter = { clock in
            LoginRateLimiter(perIP: RateLimitRule(burst: 100, perSecond: 1), perAccount: RateLimitRule(burst: 3, perSecond: 1.0 / 600), clock: clock)
        }
        try await GraphQLHarness.with(loginLimiter: limiter) { h, client in
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let mutation = "mutation($input: SetPasswordInput!) { setPassword(input: $input) { status } }"
            func attempt(_ current: String) async throws -> AdminAnswer {
                try await client.graphql(mutation, variables: ["input": [
                    "userId": "user:\(alice.id)", "currentPassword": current, "newPassword": "new horse battery",
                ]], as: .bearer(token))
            }
            for _ in 0..<3 {
                #expect(try await attempt("nope")["data.setPassword.status"] as? String == "WRONG_PASSWORD")
            }
            let refused = try await attempt("correct horse battery")
            #expect(refused["data.setPassword.status"] == nil)
            #expect((refused["errors.0.message"] as? String)?.contains("Too many wrong passwords") == true)
            #expect(try await h.accounts.verifyPassword("correct horse battery", for: alice))
        }
    }

    @Test func aNewPasswordMustBeStrongEnoughAndChangesAllowed() async throws {
        var locked = SiteConfiguration(serverName: "example.com")
        locked.passwordChangeAllowed = false
        for (site, expected) in [(SiteConfiguration(serverName: "example.com"), "INVALID_NEW_PASSWORD"), (locked, "PASSWORD_CHANGES_DISABLED")] {
            try await GraphQLHarness.with(site: site) { h, client in
                let alice = try await h.user("alice")
                let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
                let answer = try await client.graphql("mutation($input: SetPasswordInput!) { setPassword(input: $input) { status } }", variables: ["input": [
                    "userId": "user:\(alice.id)", "currentPassword": "correct horse battery", "newPassword": site.passwordChangeAllowed ? "password1" : "Quasar-xylophone-Tr0ubadour-91",
                ]], as: .bearer(token))
                #expect(answer["data.setPassword.status"] as? String == expected)
                #expect(try await h.accounts.verifyPassword("correct horse battery", for: alice))
            }
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
