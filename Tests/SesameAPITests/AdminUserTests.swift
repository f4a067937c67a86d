import Foundation
import HummingbirdTesting
import SesameModel
import SesameStorage
import Testing

/// `/users`: the account lifecycle an operator drives.
struct AdminUserTests {
    @Test func createAndFetchAUser() async throws {
        try await AdminHarness.with { h, client in
            let created = try await client.admin(.post, "/users", token: h.adminToken, body: #"{"username": "bob"}"#)
            #expect(created.status == .created)
            #expect(created["data.type"] as? String == "user")
            #expect(created["data.attributes.username"] as? String == "bob")
            #expect(created["data.attributes.admin"] as? Bool == false)
            let id = try #require(created["data.id"] as? String)
            #expect(created["data.links.self"] as? String == "/api/admin/v1/users/\(id)")

            let fetched = try await client.admin(.get, "/users/\(id)", token: h.adminToken)
            #expect(fetched.status == .ok)
            #expect(fetched["data.attributes.username"] as? String == "bob")
            let byName = try await client.admin(.get, "/users/by-username/bob", token: h.adminToken)
            #expect(byName["data.id"] as? String == id)
            // The homeserver learns of the user through a queued job.
            let jobs = try await h.storage.read { try await $0.jobs.list(state: .scheduled, page: PageRequest()) }
            #expect(jobs.contains { (try? HomeserverJob(payload: $0.payload)) == .provisionUser(userID: UserID(id)!) })
        }
    }

    @Test func creatingATakenOrInvalidUsernameIsRefused() async throws {
        try await AdminHarness.with { h, client in
            _ = try await h.user("bob")
            #expect(try await client.admin(.post, "/users", token: h.adminToken, body: #"{"username": "bob"}"#).status == .conflict)
            #expect(try await client.admin(.post, "/users", token: h.adminToken, body: #"{"username": "Bob!"}"#).status == .badRequest)
            #expect(try await client.admin(.post, "/users", token: h.adminToken, body: #"{"name": "x"}"#).status == .badRequest)
            #expect(try await client.admin(.post, "/users", token: h.adminToken, body: "not json").status == .badRequest)
        }
    }

    @Test func unknownUsersAreNotFound() async throws {
        try await AdminHarness.with { h, client in
            _ = try await h.user()
            #expect(try await client.admin(.get, "/users/01J7R4Z1Q2X3Y4Z5A6B7C8D9EF", token: h.adminToken).status == .notFound)
            #expect(try await client.admin(.get, "/users/not-an-id", token: h.adminToken).status == .notFound)
            #expect(try await client.admin(.get, "/users/by-username/nobody", token: h.adminToken).status == .notFound)
            #expect(try await client.admin(.post, "/users/01J7R4Z1Q2X3Y4Z5A6B7C8D9EF/lock", token: h.adminToken).status == .notFound)
        }
    }

    @Test func lockAndUnlock() async throws {
        try await AdminHarness.with { h, client in
            let alice = try await h.user()
            let locked = try await client.admin(.post, "/users/\(alice.id)/lock", token: h.adminToken)
            #expect(locked.status == .ok)
            #expect(locked["data.attributes.locked_at"] as? String != nil)
            let unlocked = try await client.admin(.post, "/users/\(alice.id)/unlock", token: h.adminToken)
            #expect(unlocked["data.attributes.locked_at"] is NSNull)
        }
    }

    @Test func setAdminAndPassword() async throws {
        try await AdminHarness.with { h, client in
            let alice = try await h.user()
            let admin = try await client.admin(.post, "/users/\(alice.id)/set-admin", token: h.adminToken, body: #"{"admin": true}"#)
            #expect(admin["data.attributes.admin"] as? Bool == true)
            #expect(try await client.admin(.post, "/users/\(alice.id)/set-admin", token: h.adminToken, body: #"{"admin": "yes"}"#).status == .badRequest)

            let password = try await client.admin(.post, "/users/\(alice.id)/set-password", token: h.adminToken, body: #"{"password": "a new passphrase"}"#)
            #expect(password.status == .noContent)
            let user = try #require(try await h.storage.read { try await $0.users.find(id: alice.id) })
            #expect(try await h.accounts.verifyPassword("a new passphrase", for: user))
            #expect(try await client.admin(.post, "/users/\(alice.id)/set-password", token: h.adminToken, body: #"{"password": ""}"#).status == .badRequest)
        }
    }

    @Test func deactivateEndsSessionsAndReactivateRestoresTheAccount() async throws {
        try await AdminHarness.with { h, client in
            let alice = try await h.user()
            let browser = try await h.browserSession(for: alice)
            let oauth = try await h.oauthSession(for: alice)
            let compat = try await h.compatSession(for: alice)
            let deactivated = try await client.admin(.post, "/users/\(alice.id)/deactivate", token: h.adminToken)
            #expect(deactivated["data.attributes.deactivated_at"] as? String != nil)
            let browserAfter = try await h.storage.read { try await $0.browserSessions.find(id: browser.id) }
            let oauthAfter = try await h.storage.read { try await $0.oauthSessions.find(id: oauth.id) }
            let compatAfter = try await h.storage.read { try await $0.compatSessions.find(id: compat.id) }
            #expect(browserAfter?.isActive == false)
            #expect(oauthAfter?.isActive == false)
            #expect(compatAfter?.isActive == false)
            let filtered = try await client.admin(.get, "/users?filter[status]=deactivated", token: h.adminToken)
            #expect(filtered["meta.count"] as? Int == 1)

            let reactivated = try await client.admin(.post, "/users/\(alice.id)/reactivate", token: h.adminToken)
            #expect(reactivated["data.attributes.deactivated_at"] is NSNull)
        }
    }

    @Test func setDisplayNameStoresItAndRefusesAnOverlongOne() async throws {
        try await AdminHarness.with { h, client in
            let alice = try await h.user("alice")
            let set = try await client.admin(.put, "/users/\(alice.id)/displayname", token: h.adminToken, body: #"{"displayname": "Alice Liddell"}"#)
            #expect(set.status == .noContent)
            #expect(try await h.accounts.displayName(of: alice.id) == "Alice Liddell")
            let long = String(repeating: "a", count: 500)
            #expect(try await client.admin(.put, "/users/\(alice.id)/displayname", token: h.adminToken, body: "{\"displayname\": \"\(long)\"}").status == .badRequest)
            #expect(try await client.admin(.put, "/users/01J7R4Z1Q2X3Y4Z5A6B7C8D9EF/displayname", token: h.adminToken, body: #"{"displayname": "x"}"#).status == .notFound)
            #expect(try await h.accounts.displayName(of: alice.id) == "Alice Liddell")
        }
    }

    @Test func killSessionsEndsEverySessionButKeepsTheAccount() async throws {
        try await AdminHarness.with { h, client in
            let alice = try await h.user("alice")
            let browser = try await h.browserSession(for: alice)
            let oauth = try await h.oauthSession(for: alice)
            let compat = try await h.compatSession(for: alice)
            let bob = try await h.user("bob")
            let bobsSession = try await h.compatSession(for: bob, device: "BOBDEV")
            let answer = try await client.admin(.post, "/users/\(alice.id)/kill-sessions", token: h.adminToken)
            #expect(answer.status == .ok)
            #expect(answer["data.attributes.locked_at"] is NSNull)
            #expect(try await h.storage.read { try await $0.browserSessions.find(id: browser.id) }?.finishedAt != nil)
            #expect(try await h.storage.read { try await $0.oauthSessions.find(id: oauth.id) }?.finishedAt != nil)
            #expect(try await h.storage.read { try await $0.compatSessions.find(id: compat.id) }?.finishedAt != nil)
            #expect(try await h.storage.read { try await $0.compatSessions.find(id: bobsSession.id) }?.finishedAt == nil)
            #expect(try await client.admin(.post, "/users/01J7R4Z1Q2X3Y4Z5A6B7C8D9EF/kill-sessions", token: h.adminToken).status == .notFound)
        }
    }

    @Test func listFilters() async throws {
        try await AdminHarness.with { h, client in
            _ = try await h.user("alice", admin: true)
            let bob = try await h.user("bob")
            _ = try await h.accounts.setLocked(username: "bob", true)
            let admins = try await client.admin(.get, "/users?filter%5Badmin%5D=true", token: h.adminToken)
            #expect(admins["meta.count"] as? Int == 1)
            #expect(admins["data.0.attributes.username"] as? String == "alice")
            let locked = try await client.admin(.get, "/users?filter[status]=locked", token: h.adminToken)
            #expect(locked["data.0.id"] as? String == bob.id.description)
            #expect(try await client.admin(.get, "/users?filter[status]=sleeping", token: h.adminToken).status == .badRequest)
            #expect(try await client.admin(.get, "/users?filter[admin]=maybe", token: h.adminToken).status == .badRequest)
        }
    }
}
