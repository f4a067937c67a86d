import Foundation
import HummingbirdTesting
import SesameCrypto
import SesameModel
import SesameStorage
import Testing

/// Emails, sessions, clients, personal sessions, registration tokens and server facts.
struct AdminResourceTests {
    @Test func userEmailsCanBeAddedListedAndRemoved() async throws {
        try await AdminHarness.with { h, client in
            let alice = try await h.user()
            let added = try await client.admin(.post, "/user-emails", token: h.adminToken, body: #"{"user_id": "\#(alice.id)", "email": "alice@example.com"}"#)
            #expect(added.status == .created)
            let id = try #require(added["data.id"] as? String)
            #expect(try await client.admin(.post, "/user-emails", token: h.adminToken, body: #"{"user_id": "\#(alice.id)", "email": "alice@example.com"}"#).status == .conflict)
            #expect(try await client.admin(.post, "/user-emails", token: h.adminToken, body: #"{"user_id": "\#(alice.id)", "email": "no at sign"}"#).status == .badRequest)
            #expect(try await client.admin(.post, "/user-emails", token: h.adminToken, body: #"{"user_id": "01J7R4Z1Q2X3Y4Z5A6B7C8D9EF", "email": "x@example.com"}"#).status == .notFound)

            let listed = try await client.admin(.get, "/user-emails?filter[user]=\(alice.id)", token: h.adminToken)
            #expect(listed["meta.count"] as? Int == 1)
            #expect(listed["data.0.attributes.email"] as? String == "alice@example.com")
            #expect(try await client.admin(.get, "/user-emails?filter[user]=not-an-id", token: h.adminToken).status == .badRequest)
            #expect(try await client.admin(.get, "/user-emails/\(id)", token: h.adminToken).status == .ok)
            #expect(try await client.admin(.delete, "/user-emails/\(id)", token: h.adminToken).status == .noContent)
            #expect(try await client.admin(.get, "/user-emails/\(id)", token: h.adminToken).status == .notFound)
        }
    }

    @Test func browserSessionsCanBeListedAndFinished() async throws {
        try await AdminHarness.with { h, client in
            let alice = try await h.user()
            let session = try await h.browserSession(for: alice)
            let listed = try await client.admin(.get, "/user-sessions?filter[user]=\(alice.id)&filter[status]=active", token: h.adminToken)
            #expect(listed["data.0.id"] as? String == session.id.description)
            let finished = try await client.admin(.post, "/user-sessions/\(session.id)/finish", token: h.adminToken)
            #expect(finished["data.attributes.finished_at"] as? String != nil)
            #expect(try await client.admin(.post, "/user-sessions/\(session.id)/finish", token: h.adminToken).status == .badRequest)
            let active = try await client.admin(.get, "/user-sessions?filter[user]=\(alice.id)&filter[status]=active", token: h.adminToken)
            #expect(active["meta.count"] as? Int == 0)
            #expect(try await client.admin(.get, "/user-sessions/01J7R4Z1Q2X3Y4Z5A6B7C8D9EF", token: h.adminToken).status == .notFound)
        }
    }

    @Test func compatSessionsCanBeFinishedAndTheirDeviceIsRemoved() async throws {
        try await AdminHarness.with { h, client in
            let alice = try await h.user()
            let session = try await h.compatSession(for: alice)
            let fetched = try await client.admin(.get, "/compat-sessions/\(session.id)", token: h.adminToken)
            #expect(fetched["data.attributes.device_id"] as? String == "LEGACYDEV")
            let finished = try await client.admin(.post, "/compat-sessions/\(session.id)/finish", token: h.adminToken)
            #expect(finished["data.attributes.finished_at"] as? String != nil)
            let jobs = try await h.storage.read { try await $0.jobs.list(state: .scheduled, page: PageRequest()) }
            // A device sync, not a delete: a delayed delete could remove a device logged in again since.
            #expect(jobs.contains { (try? HomeserverJob(payload: $0.payload)) == .syncDevices(userID: alice.id) })
            let finishedOnly = try await client.admin(.get, "/compat-sessions?filter[user]=\(alice.id)&filter[status]=finished", token: h.adminToken)
            #expect(finishedOnly["meta.count"] as? Int == 1)
            #expect(try await client.admin(.get, "/compat-sessions?filter[user]=\(alice.id)&filter[status]=asleep", token: h.adminToken).status == .badRequest)
        }
    }

    @Test func oauthSessionsCanBeFinishedAndTheirTokensStopWorking() async throws {
        try await AdminHarness.with { h, client in
            let root = try await h.user("root", admin: true)
            let token = try await h.token(user: root, scope: [MatrixScope.masAdmin])
            let sessions = try await client.admin(.get, "/oauth2-sessions?filter[user]=\(root.id)", token: h.adminToken)
            let id = try #require(sessions["data.0.id"] as? String)
            #expect(sessions["data.0.attributes.scope"] as? String == "urn:mas:admin")
            #expect(try await client.admin(.post, "/oauth2-sessions/\(id)/finish", token: h.adminToken).status == .ok)
            #expect(try await client.admin(.get, "/users", token: token).status == .unauthorized)
            #expect(try await client.admin(.post, "/oauth2-sessions/01J7R4Z1Q2X3Y4Z5A6B7C8D9EF/finish", token: h.adminToken).status == .notFound)
        }
    }

    @Test func oauthClientsCanBeListed() async throws {
        try await AdminHarness.with { h, client in
            let app = try await h.client(name: "Element")
            let listed = try await client.admin(.get, "/oauth2-clients", token: h.adminToken)
            #expect(listed["meta.count"] as? Int == 2)
            let fetched = try await client.admin(.get, "/oauth2-clients/\(app.id)", token: h.adminToken)
            #expect(fetched["data.attributes.client_name"] as? String == "Element")
            #expect(try await client.admin(.get, "/oauth2-clients/01J7R4Z1Q2X3Y4Z5A6B7C8D9EF", token: h.adminToken).status == .notFound)
        }
    }

    @Test func personalSessionsShowTheirTokenOnceAndCanBeRegeneratedAndRevoked() async throws {
        try await AdminHarness.with { h, client in
            let bot = try await h.user("bot")
            let created = try await client.admin(.post, "/personal-sessions", token: h.adminToken, body: #"{"actor_user_id": "\#(bot.id)", "human_name": "CI bot", "scope": "urn:matrix:client:api:*", "expires_in": 3600}"#)
            #expect(created.status == .created)
            let id = try #require(created["data.id"] as? String)
            let first = try #require(created["data.attributes.access_token"] as? String)
            #expect(try OpaqueToken(parsing: first).kind == .personalAccessToken)
            #expect(created["data.attributes.owner_client_id"] as? String != nil)
            #expect(created["data.attributes.expires_at"] as? String != nil)

            let fetched = try await client.admin(.get, "/personal-sessions/\(id)", token: h.adminToken)
            #expect(fetched["data.attributes.access_token"] == nil)

            let regenerated = try await client.admin(.post, "/personal-sessions/\(id)/regenerate", token: h.adminToken, body: "{}")
            let second = try #require(regenerated["data.attributes.access_token"] as? String)
            #expect(second != first)
            let firstRecord = try await h.storage.read { try await $0.personalAccessTokens.find(tokenHash: TokenHash(of: first).hex) }
            let secondRecord = try await h.storage.read { try await $0.personalAccessTokens.find(tokenHash: TokenHash(of: second).hex) }
            #expect(firstRecord?.revokedAt != nil)
            #expect(secondRecord?.revokedAt == nil)
            let revoked = try await client.admin(.post, "/personal-sessions/\(id)/revoke", token: h.adminToken)
            #expect(revoked["data.attributes.revoked_at"] as? String != nil)
            #expect(try await client.admin(.post, "/personal-sessions/\(id)/revoke", token: h.adminToken).status == .badRequest)
            #expect(try await client.admin(.post, "/personal-sessions/\(id)/regenerate", token: h.adminToken, body: "{}").status == .badRequest)
        }
    }

    @Test func personalSessionsRefuseBadInput() async throws {
        try await AdminHarness.with { h, client in
            let bot = try await h.user("bot")
            let base = #""actor_user_id": "\#(bot.id)", "human_name": "CI bot""#
            #expect(try await client.admin(.post, "/personal-sessions", token: h.adminToken, body: "{\(base), \"scope\": \"\"}").status == .badRequest)
            #expect(try await client.admin(.post, "/personal-sessions", token: h.adminToken, body: "{\(base), \"scope\": \"urn:mas:admin\"}").status == .badRequest)
            #expect(try await client.admin(.post, "/personal-sessions", token: h.adminToken, body: "{\(base), \"scope\": \"openid\", \"expires_in\": 0}").status == .badRequest)
            #expect(try await client.admin(.post, "/personal-sessions", token: h.adminToken, body: #"{"actor_user_id": "01J7R4Z1Q2X3Y4Z5A6B7C8D9EF", "human_name": "x", "scope": "openid"}"#).status == .notFound)
            #expect(try await client.admin(.get, "/personal-sessions/01J7R4Z1Q2X3Y4Z5A6B7C8D9EF", token: h.adminToken).status == .notFound)
        }
    }

    @Test func registrationTokensHaveTheirWholeLifecycle() async throws {
        try await AdminHarness.with { h, client in
            let created = try await client.admin(.post, "/user-registration-tokens", token: h.adminToken, body: #"{"token": "welcome-2027", "usage_limit": 5}"#)
            #expect(created.status == .created)
            let id = try #require(created["data.id"] as? String)
            #expect(created["data.attributes.valid"] as? Bool == true)
            #expect(try await client.admin(.post, "/user-registration-tokens", token: h.adminToken, body: #"{"token": "welcome-2027"}"#).status == .conflict)
            #expect(try await client.admin(.post, "/user-registration-tokens", token: h.adminToken, body: #"{"usage_limit": -1}"#).status == .badRequest)
            let generated = try await client.admin(.post, "/user-registration-tokens", token: h.adminToken, body: "{}")
            #expect((generated["data.attributes.token"] as? String)?.count == 12)

            let updated = try await client.admin(.put, "/user-registration-tokens/\(id)", token: h.adminToken, body: #"{"usage_limit": null, "expires_at": "2030-01-01T00:00:00Z"}"#)
            #expect(updated["data.attributes.usage_limit"] is NSNull)
            #expect((updated["data.attributes.expires_at"] as? String)?.hasPrefix("2030-01-01T00:00:00") == true)

            let revoked = try await client.admin(.post, "/user-registration-tokens/\(id)/revoke", token: h.adminToken)
            #expect(revoked["data.attributes.valid"] as? Bool == false)
            #expect(try await client.admin(.post, "/user-registration-tokens/\(id)/revoke", token: h.adminToken).status == .badRequest)
            let unrevoked = try await client.admin(.post, "/user-registration-tokens/\(id)/unrevoke", token: h.adminToken)
            #expect(unrevoked["data.attributes.revoked_at"] is NSNull)
            let listed = try await client.admin(.get, "/user-registration-tokens", token: h.adminToken)
            #expect(listed["meta.count"] as? Int == 2)
            #expect(try await client.admin(.get, "/user-registration-tokens/01J7R4Z1Q2X3Y4Z5A6B7C8D9EF", token: h.adminToken).status == .notFound)
        }
    }

    @Test func siteConfigNamesTheServer() async throws {
        try await AdminHarness.with { h, client in
            let config = try await client.admin(.get, "/site-config", token: h.adminToken)
            #expect(config["server_name"] as? String == "example.com")
        }
    }
}
