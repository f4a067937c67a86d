import Foundation
import HummingbirdTesting
import SesameAPI
import SesameModel
import Testing

/// Naming sessions, `createOauth2Session`, `appSessions` and `session(userId, deviceId)`.
struct GraphQLSessionMutationTests {
    static let nameOAuth = "mutation($id: ID!, $name: String!) { setOauth2SessionName(input: { oauth2SessionId: $id, humanName: $name }) { status oauth2Session { humanName } } }"
    static let nameCompat = "mutation($id: ID!, $name: String!) { setCompatSessionName(input: { compatSessionId: $id, humanName: $name }) { status compatSession { humanName } } }"
    static let create = """
        mutation($id: ID!, $scope: String!, $permanent: Boolean) {
          createOauth2Session(input: { userId: $id, scope: $scope, permanent: $permanent }) { accessToken refreshToken oauth2Session { id scope user { username } } }
        }
        """

    @Test func anOwnerNamesTheirSessionsAndTheDevicesFollow() async throws {
        let homeserver = RecordingHomeserver()
        try await GraphQLHarness.with(homeserver: homeserver) { h, client in
            let alice = try await h.user("alice")
            let cookie = try h.sessionCookie(for: try await h.browserSession(for: alice))
            let oauth = try await h.oauthSession(for: alice)
            let compat = try await h.compatSession(for: alice)
            let named = try await client.graphql(Self.nameOAuth, variables: ["id": "oauth2_session:\(oauth.id)", "name": "Phone"], as: .cookie(cookie))
            #expect(named["data.setOauth2SessionName.status"] as? String == "UPDATED")
            #expect(named["data.setOauth2SessionName.oauth2Session.humanName"] as? String == "Phone")
            let namedCompat = try await client.graphql(Self.nameCompat, variables: ["id": "compat_session:\(compat.id)", "name": "Old laptop"], as: .cookie(cookie))
            #expect(namedCompat["data.setCompatSessionName.compatSession.humanName"] as? String == "Old laptop")
            #expect(try await h.storage.read { try await $0.compatSessions.find(id: compat.id) }?.humanName == "Old laptop")
            #expect(await homeserver.calls == ["updateDeviceDisplayName alice PHONE Phone", "updateDeviceDisplayName alice LEGACYDEV Old laptop"])
        }
    }

    @Test func anotherUsersSessionCannotBeNamed() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let bob = try await h.user("bob")
            let compat = try await h.compatSession(for: alice)
            let token = try await h.token(user: bob, scope: [MatrixScope.masGraphQL])
            let answer = try await client.graphql(Self.nameCompat, variables: ["id": "compat_session:\(compat.id)", "name": "mine now"], as: .bearer(token))
            #expect(answer["data.setCompatSessionName.status"] as? String == "NOT_FOUND")
            #expect(try await h.storage.read { try await $0.compatSessions.find(id: compat.id) }?.humanName == nil)
        }
    }

    @Test func anAdminCreatesASessionForAUserWithADevice() async throws {
        let homeserver = RecordingHomeserver()
        try await GraphQLHarness.with(homeserver: homeserver) { h, client in
            let root = try await h.user("root", admin: true)
            let bob = try await h.user("bob")
            let adminToken = try await h.token(user: root, scope: [MatrixScope.masGraphQL, MatrixScope.masAdmin])
            let answer = try await client.graphql(
                Self.create, variables: ["id": "user:\(bob.id)", "scope": "urn:mas:graphql:* urn:matrix:client:device:BOBBOT"], as: .bearer(adminToken)
            )
            let token = try #require(answer["data.createOauth2Session.accessToken"] as? String)
            #expect(token.hasPrefix("mat_"))
            #expect((answer["data.createOauth2Session.refreshToken"] as? String)?.hasPrefix("mar_") == true)
            #expect(answer["data.createOauth2Session.oauth2Session.user.username"] as? String == "bob")
            #expect(await homeserver.calls == ["upsertDevice bob BOBBOT"])
            // The new token acts as bob, and expires like any access token.
            #expect(try await client.graphql(GraphQLAuthorizationTests.viewer, as: .bearer(token))["data.viewer.username"] as? String == "bob")
            h.clock.advance(by: h.services.settings.accessTokenLifetime + 1)
            #expect(try await client.graphql(GraphQLAuthorizationTests.viewer, as: .bearer(token)).status == .unauthorized)
        }
    }

    @Test func aPermanentSessionHasNoRefreshTokenAndDoesNotExpire() async throws {
        try await GraphQLHarness.with { h, client in
            let root = try await h.user("root", admin: true)
            let bob = try await h.user("bob")
            let adminToken = try await h.token(user: root, scope: [MatrixScope.masGraphQL, MatrixScope.masAdmin])
            let answer = try await client.graphql(Self.create, variables: ["id": "user:\(bob.id)", "scope": "urn:mas:graphql:*", "permanent": true], as: .bearer(adminToken))
            let token = try #require(answer["data.createOauth2Session.accessToken"] as? String)
            #expect(answer["data.createOauth2Session.refreshToken"] is NSNull)
            h.clock.advance(by: 400 * 24 * 3600)
            #expect(try await client.graphql(GraphQLAuthorizationTests.viewer, as: .bearer(token))["data.viewer.username"] as? String == "bob")
        }
    }

    @Test func onlyAdminsCreateSessionsAndBadInputIsNamed() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let refused = try await client.graphql(Self.create, variables: ["id": "user:\(alice.id)", "scope": "openid"], as: .bearer(token))
            #expect(refused.errorMessage == "Unauthorized")
            let root = try await h.user("root", admin: true)
            let adminToken = try await h.token(user: root, scope: [MatrixScope.masGraphQL, MatrixScope.masAdmin])
            let badScope = try await client.graphql(Self.create, variables: ["id": "user:\(alice.id)", "scope": "a\"b"], as: .bearer(adminToken))
            #expect(badScope.errorMessage == "Invalid scope")
            let nobody = try await client.graphql(Self.create, variables: ["id": "user:01J7R4Z1Q2X3Y4Z5A6B7C8D9EF", "scope": "openid"], as: .bearer(adminToken))
            #expect(nobody.errorMessage == "User not found")
        }
    }

    @Test func appSessionsMergeBothKindsOldestFirstAndPage() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let cookie = try h.sessionCookie(for: try await h.browserSession(for: alice))
            let compat = try await h.compatSession(for: alice, device: "FIRST")
            let oauth = try await h.oauthSession(for: alice)
            let query = """
                query($id: ID!, $after: String, $device: String, $state: SessionState) {
                  user(id: $id) { appSessions(first: 1, after: $after, device: $device, state: $state) {
                    totalCount pageInfo { hasNextPage endCursor } nodes { __typename ... on CompatSession { id } ... on Oauth2Session { id } } } }
                }
                """
            let first = try await client.graphql(query, variables: ["id": "user:\(alice.id)"], as: .cookie(cookie))
            #expect(first["data.user.appSessions.totalCount"] as? Int == 2)
            #expect(first["data.user.appSessions.nodes.0.__typename"] as? String == "CompatSession")
            #expect(first["data.user.appSessions.pageInfo.hasNextPage"] as? Bool == true)
            let cursor = try #require(first["data.user.appSessions.pageInfo.endCursor"] as? String)
            let second = try await client.graphql(query, variables: ["id": "user:\(alice.id)", "after": cursor], as: .cookie(cookie))
            #expect(second["data.user.appSessions.nodes.0.id"] as? String == "oauth2_session:\(oauth.id)")
            #expect(second["data.user.appSessions.pageInfo.hasNextPage"] as? Bool == false)
            let phone = try await client.graphql(query, variables: ["id": "user:\(alice.id)", "device": "PHONE"], as: .cookie(cookie))
            #expect(phone["data.user.appSessions.totalCount"] as? Int == 1)
            _ = try await client.graphql(
                "mutation($id: ID!) { endCompatSession(input: { compatSessionId: $id }) { status } }", variables: ["id": "compat_session:\(compat.id)"], as: .cookie(cookie)
            )
            let active = try await client.graphql(query, variables: ["id": "user:\(alice.id)", "state": "ACTIVE"], as: .cookie(cookie))
            #expect(active["data.user.appSessions.totalCount"] as? Int == 1)
            #expect(active["data.user.appSessions.nodes.0.__typename"] as? String == "Oauth2Session")
        }
    }

    @Test func sessionFindsTheActiveSessionHoldingADevice() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let bob = try await h.user("bob")
            let compat = try await h.compatSession(for: alice, device: "LAPTOP")
            let oauth = try await h.oauthSession(for: alice)
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let query = "query($u: ID!, $d: String!) { session(userId: $u, deviceId: $d) { __typename ... on CompatSession { id } ... on Oauth2Session { id } } }"
            let laptop = try await client.graphql(query, variables: ["u": "user:\(alice.id)", "d": "LAPTOP"], as: .bearer(token))
            #expect(laptop["data.session.id"] as? String == "compat_session:\(compat.id)")
            let phone = try await client.graphql(query, variables: ["u": "user:\(alice.id)", "d": "PHONE"], as: .bearer(token))
            #expect(phone["data.session.id"] as? String == "oauth2_session:\(oauth.id)")
            #expect(try await client.graphql(query, variables: ["u": "user:\(alice.id)", "d": "NOPE"], as: .bearer(token))["data.session"] is NSNull)
            let bobsToken = try await h.token(user: bob, scope: [MatrixScope.masGraphQL])
            #expect(try await client.graphql(query, variables: ["u": "user:\(alice.id)", "d": "LAPTOP"], as: .bearer(bobsToken))["data.session"] is NSNull)
        }
    }
}
