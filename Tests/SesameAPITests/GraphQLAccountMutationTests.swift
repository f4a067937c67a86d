import Foundation
import HummingbirdTesting
import SesameAPI
import SesameModel
import Testing

/// `setDisplayName`, `deactivateUser` and `allowUserCrossSigningReset`, as MAS answers them.
struct GraphQLAccountMutationTests {
    static let setName = "mutation($id: ID!, $name: String) { setDisplayName(input: { userId: $id, displayName: $name }) { status user { matrix { mxid displayName } } } }"
    static let deactivate = "mutation($password: String) { deactivateUser(input: { hsErase: false, password: $password }) { status user { deactivatedAt } } }"
    static let allowReset = "mutation($id: ID!) { allowUserCrossSigningReset(input: { userId: $id }) { user { username } } }"

    @Test func aUserSetsAndClearsTheirOwnDisplayName() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let cookie = try h.sessionCookie(for: try await h.browserSession(for: alice))
            let set = try await client.graphql(Self.setName, variables: ["id": "user:\(alice.id)", "name": "  Alice Liddell "], as: .cookie(cookie))
            #expect(set["data.setDisplayName.status"] as? String == "SET")
            #expect(set["data.setDisplayName.user.matrix.displayName"] as? String == "Alice Liddell")
            #expect(set["data.setDisplayName.user.matrix.mxid"] as? String == "@alice:example.com")
            #expect(try await h.accounts.displayName(of: alice.id) == "Alice Liddell")
            let cleared = try await client.graphql(Self.setName, variables: ["id": "user:\(alice.id)", "name": NSNull()], as: .cookie(cookie))
            #expect(cleared["data.setDisplayName.user.matrix.displayName"] is NSNull)
        }
    }

    @Test func aDisplayNameTooLongIsInvalid() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let answer = try await client.graphql(Self.setName, variables: ["id": "user:\(alice.id)", "name": String(repeating: "a", count: 500)], as: .bearer(token))
            #expect(answer["data.setDisplayName.status"] as? String == "INVALID")
            #expect(try await h.accounts.displayName(of: alice.id) == nil)
        }
    }

    @Test func nobodyButTheOwnerOrAnAdminSetsADisplayName() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let bob = try await h.user("bob")
            let bobsToken = try await h.token(user: bob, scope: [MatrixScope.masGraphQL])
            let refused = try await client.graphql(Self.setName, variables: ["id": "user:\(alice.id)", "name": "Not Alice"], as: .bearer(bobsToken))
            #expect(refused.errorMessage == "Unauthorized")
            #expect(try await h.accounts.displayName(of: alice.id) == nil)
            let root = try await h.user("root", admin: true)
            let adminToken = try await h.token(user: root, scope: [MatrixScope.masGraphQL, MatrixScope.masAdmin])
            let allowed = try await client.graphql(Self.setName, variables: ["id": "user:\(alice.id)", "name": "Alice"], as: .bearer(adminToken))
            #expect(allowed["data.setDisplayName.status"] as? String == "SET")
        }
    }

    @Test func displayNameChangesCanBeTurnedOffForUsersButNotAdmins() async throws {
        var site = SiteConfiguration(serverName: "example.com")
        site.displaynameChangeAllowed = false
        try await GraphQLHarness.with(site: site) { h, client in
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let refused = try await client.graphql(Self.setName, variables: ["id": "user:\(alice.id)", "name": "Alice"], as: .bearer(token))
            #expect(refused.errorMessage?.contains("not allowed") == true)
            let root = try await h.user("root", admin: true)
            let adminToken = try await h.token(user: root, scope: [MatrixScope.masGraphQL, MatrixScope.masAdmin])
            let allowed = try await client.graphql(Self.setName, variables: ["id": "user:\(alice.id)", "name": "Alice"], as: .bearer(adminToken))
            #expect(allowed["data.setDisplayName.status"] as? String == "SET")
        }
    }

    @Test func aUserDeactivatesTheirAccountOnlyWithTheirPassword() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let cookie = try h.sessionCookie(for: try await h.browserSession(for: alice))
            let wrong = try await client.graphql(Self.deactivate, variables: ["password": "not it"], as: .cookie(cookie))
            #expect(wrong["data.deactivateUser.status"] as? String == "INCORRECT_PASSWORD")
            let missing = try await client.graphql(Self.deactivate, as: .cookie(cookie))
            #expect(missing["data.deactivateUser.status"] as? String == "INCORRECT_PASSWORD")
            #expect(try await h.accounts.requireUser("alice").deactivatedAt == nil)

            let done = try await client.graphql(Self.deactivate, variables: ["password": "correct horse battery"], as: .cookie(cookie))
            #expect(done["data.deactivateUser.status"] as? String == "DEACTIVATED")
            #expect(done["data.deactivateUser.user.deactivatedAt"] as? String != nil)
            // Deactivation ended the browser session: the cookie no longer signs anyone in.
            let after = try await client.graphql(GraphQLAuthorizationTests.viewer, as: .cookie(cookie))
            #expect(after["data.viewer.__typename"] as? String == "Anonymous")
        }
    }

    @Test func deactivationNeedsASignedInUserAndTheServersPermission() async throws {
        var site = SiteConfiguration(serverName: "example.com")
        site.accountDeactivationAllowed = false
        try await GraphQLHarness.with(site: site) { h, client in
            #expect(try await client.graphql(Self.deactivate, variables: ["password": "x"]).errorMessage == "Unauthorized")
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let refused = try await client.graphql(Self.deactivate, variables: ["password": "correct horse battery"], as: .bearer(token))
            #expect(refused.errorMessage?.contains("not allowed") == true)
            #expect(try await h.accounts.requireUser("alice").deactivatedAt == nil)
        }
    }

    @Test func crossSigningResetIsAskedOfTheHomeserverForTheOwner() async throws {
        let homeserver = RecordingHomeserver()
        try await GraphQLHarness.with(homeserver: homeserver) { h, client in
            let alice = try await h.user("alice")
            let bob = try await h.user("bob")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let allowed = try await client.graphql(Self.allowReset, variables: ["id": "user:\(alice.id)"], as: .bearer(token))
            #expect(allowed["data.allowUserCrossSigningReset.user.username"] as? String == "alice")
            let refused = try await client.graphql(Self.allowReset, variables: ["id": "user:\(bob.id)"], as: .bearer(token))
            #expect(refused.errorMessage == "Unauthorized")
            #expect(await homeserver.calls.filter { $0.hasPrefix("allowCrossSigningReset") } == ["allowCrossSigningReset alice"])
        }
    }

    @Test func anUnreachableHomeserverIsReportedWithoutInternals() async throws {
        try await GraphQLHarness.with(homeserver: RecordingHomeserver(failing: true)) { h, client in
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let answer = try await client.graphql(Self.allowReset, variables: ["id": "user:\(alice.id)"], as: .bearer(token))
            #expect(answer.status == .ok)
            #expect(answer.errorMessage?.contains("homeserver could not") == true)
            #expect(answer.errorMessage?.contains("Unreachable") == false)
        }
    }
}
