import Foundation
import HummingbirdTesting
import SesameModel
import SesameStorage
import Testing

/// Listings across every user and their `filter[…]` parameters, as MAS's admin API takes them.
struct AdminListingTests {
    @Test func oauthSessionsOfEveryUserAreListedAndFiltered() async throws {
        try await AdminHarness.with { h, client in
            let alice = try await h.user("alice")
            let bob = try await h.user("bob")
            let aliceSession = try await h.oauthSession(for: alice)
            let bobSession = try await h.oauthSession(for: bob)
            // The admin client's own client-credentials session is listed too.
            let all = try await client.admin(.get, "/oauth2-sessions", token: h.adminToken)
            #expect(all.status == .ok)
            #expect(all["meta.count"] as? Int == 3)
            let bobs = try await client.admin(.get, "/oauth2-sessions?filter[user]=\(bob.id)", token: h.adminToken)
            #expect(bobs["meta.count"] as? Int == 1)
            #expect(bobs["data.0.id"] as? String == bobSession.id.description)
            #expect(bobs["links.self"] as? String == "/api/admin/v1/oauth2-sessions?filter[user]=\(bob.id)")
            let byClient = try await client.admin(.get, "/oauth2-sessions?filter[client]=\(aliceSession.clientID)", token: h.adminToken)
            #expect(byClient["data.0.id"] as? String == aliceSession.id.description)
            #expect(byClient["meta.count"] as? Int == 1)
            let twoClients = try await client.admin(
                .get, "/oauth2-sessions?filter[client]=\(aliceSession.clientID)&filter[client]=\(bobSession.clientID)", token: h.adminToken
            )
            #expect(twoClients["meta.count"] as? Int == 2)
            let withAPI = try await client.admin(.get, "/oauth2-sessions?filter[scope]=urn:matrix:client:api:*", token: h.adminToken)
            #expect(withAPI["meta.count"] as? Int == 2)
            let admins = try await client.admin(.get, "/oauth2-sessions?filter[scope]=urn:mas:admin", token: h.adminToken)
            #expect(admins["data.0.attributes.user_id"] is NSNull)

            _ = try await client.admin(.post, "/oauth2-sessions/\(aliceSession.id)/finish", token: h.adminToken)
            let finished = try await client.admin(.get, "/oauth2-sessions?filter[status]=finished", token: h.adminToken)
            #expect(finished["meta.count"] as? Int == 1)
            #expect(finished["data.0.id"] as? String == aliceSession.id.description)
        }
    }

    @Test func oauthSessionFiltersNamingNothingAreRefused() async throws {
        try await AdminHarness.with { h, client async throws in
            let unknown = "01J7R4Z1Q2X3Y4Z5A6B7C8D9EF"
            #expect(try await client.admin(.get, "/oauth2-sessions?filter[client]=\(unknown)", token: h.adminToken).status == .notFound)
            #expect(try await client.admin(.get, "/oauth2-sessions?filter[user]=\(unknown)", token: h.adminToken).status == .notFound)
            #expect(try await client.admin(.get, "/oauth2-sessions?filter[user-session]=\(unknown)", token: h.adminToken).status == .notFound)
            #expect(try await client.admin(.get, "/oauth2-sessions?filter[client]=nope", token: h.adminToken).status == .badRequest)
            #expect(try await client.admin(.get, "/oauth2-sessions?filter[scope]=a%22b", token: h.adminToken).status == .badRequest)
            #expect(try await client.admin(.get, "/oauth2-sessions?filter[client-kind]=weird", token: h.adminToken).status == .badRequest)
            #expect(try await client.admin(.get, "/oauth2-sessions?filter[created-before]=yesterday", token: h.adminToken).status == .badRequest)
        }
    }

    @Test func oauthSessionsFilterByCreationTime() async throws {
        try await AdminHarness.with { h, client in
            let alice = try await h.user("alice")
            h.clock.advance(by: 60)
            let cutoff = Date.ISO8601FormatStyle().format(h.clock.now())
            h.clock.advance(by: 60)
            let late = try await h.oauthSession(for: alice)
            let after = try await client.admin(.get, "/oauth2-sessions?filter[created-after]=\(cutoff)", token: h.adminToken)
            #expect(after["meta.count"] as? Int == 1)
            #expect(after["data.0.id"] as? String == late.id.description)
            let before = try await client.admin(.get, "/oauth2-sessions?filter[created-before]=\(cutoff)", token: h.adminToken)
            #expect(before["meta.count"] as? Int == 1)
            #expect(before["data.0.id"] as? String != late.id.description)
        }
    }

    @Test func browserAndCompatSessionsOfEveryUserAreListed() async throws {
        try await AdminHarness.with { h, client in
            let alice = try await h.user("alice")
            let bob = try await h.user("bob")
            let browser = try await h.browserSession(for: alice)
            _ = try await h.browserSession(for: bob)
            _ = try await h.compatSession(for: alice, device: "ALICEDEV")
            let bobCompat = try await h.compatSession(for: bob, device: "BOBDEV")
            #expect(try await client.admin(.get, "/user-sessions", token: h.adminToken)["meta.count"] as? Int == 2)
            let compat = try await client.admin(.get, "/compat-sessions", token: h.adminToken)
            #expect(compat["meta.count"] as? Int == 2)
            let bobs = try await client.admin(.get, "/compat-sessions?filter[user]=\(bob.id)", token: h.adminToken)
            #expect(bobs["data.0.id"] as? String == bobCompat.id.description)
            let fromBrowser = try await client.admin(.get, "/compat-sessions?filter[user-session]=\(browser.id)", token: h.adminToken)
            #expect(fromBrowser["meta.count"] as? Int == 0)
        }
    }

    @Test func emailsOfEveryUserAreListedAndFoundByAddress() async throws {
        try await AdminHarness.with { h, client in
            let alice = try await h.user("alice")
            let bob = try await h.user("bob")
            _ = try await client.admin(.post, "/user-emails", token: h.adminToken, body: #"{"user_id": "\#(alice.id)", "email": "alice@example.com"}"#)
            _ = try await client.admin(.post, "/user-emails", token: h.adminToken, body: #"{"user_id": "\#(bob.id)", "email": "bob@example.com"}"#)
            #expect(try await client.admin(.get, "/user-emails", token: h.adminToken)["meta.count"] as? Int == 2)
            let found = try await client.admin(.get, "/user-emails?filter[email]=BOB@example.com", token: h.adminToken)
            #expect(found["meta.count"] as? Int == 1)
            #expect(found["data.0.attributes.user_id"] as? String == bob.id.description)
        }
    }

    @Test func usersAreFoundByPartOfTheirNameAndThereAreNoGuests() async throws {
        try await AdminHarness.with { h, client in
            _ = try await h.user("alice")
            _ = try await h.user("malice")
            _ = try await h.user("bob")
            let found = try await client.admin(.get, "/users?filter[search]=lic", token: h.adminToken)
            #expect(found["meta.count"] as? Int == 2)
            #expect((found["data"] as? [Any])?.count == 2)
            #expect(try await client.admin(.get, "/users?filter[legacy-guest]=true", token: h.adminToken)["meta.count"] as? Int == 0)
            #expect(try await client.admin(.get, "/users?filter[legacy-guest]=false", token: h.adminToken)["meta.count"] as? Int == 3)
        }
    }

    @Test func registrationTokensFilterByUseRevocationExpiryAndValidity() async throws {
        try await AdminHarness.with { h, client in
            _ = try await client.admin(.post, "/user-registration-tokens", token: h.adminToken, body: #"{"token": "open"}"#)
            let revoked = try await client.admin(.post, "/user-registration-tokens", token: h.adminToken, body: #"{"token": "closed"}"#)
            _ = try await client.admin(.post, "/user-registration-tokens/\(try #require(revoked["data.id"] as? String))/revoke", token: h.adminToken)
            _ = try await client.admin(.post, "/user-registration-tokens", token: h.adminToken, body: #"{"token": "old", "expires_at": "2001-01-01T00:00:00Z"}"#)
            func codes(_ query: String) async throws -> [String] {
                let answer = try await client.admin(.get, "/user-registration-tokens?\(query)", token: h.adminToken)
                return (answer["data"] as? [[String: Any]] ?? []).compactMap { ($0["attributes"] as? [String: Any])?["token"] as? String }
            }
            #expect(try await codes("filter[valid]=true") == ["open"])
            #expect(try await codes("filter[valid]=false") == ["closed", "old"])
            #expect(try await codes("filter[revoked]=true") == ["closed"])
            #expect(try await codes("filter[expired]=true") == ["old"])
            #expect(try await codes("filter[used]=true") == [])
            #expect(try await codes("filter[used]=false").count == 3)
            #expect(try await client.admin(.get, "/user-registration-tokens?filter[valid]=yes", token: h.adminToken).status == .badRequest)
        }
    }

    @Test func personalSessionsAreListedAndFiltered() async throws {
        try await AdminHarness.with { h, client in
            let alice = try await h.user("alice")
            let bot = try await h.user("bot")
            let created = try await client.admin(.post, "/personal-sessions", token: h.adminToken,
                                                 body: #"{"actor_user_id": "\#(bot.id)", "human_name": "CI bot", "scope": "urn:matrix:client:api:*", "expires_in": 3600}"#)
            let id = try #require(created["data.id"] as? String)
            _ = try await client.admin(.post, "/personal-sessions", token: h.adminToken,
                                       body: #"{"actor_user_id": "\#(alice.id)", "human_name": "Alice script", "scope": "openid"}"#)
            let all = try await client.admin(.get, "/personal-sessions", token: h.adminToken)
            #expect(all["meta.count"] as? Int == 2)
            // The token itself is never listed; its expiry is.
            #expect(all["data.0.attributes.access_token"] == nil)
            #expect(all["data.0.attributes.expires_at"] as? String != nil)
            let bots = try await client.admin(.get, "/personal-sessions?filter[actor_user]=\(bot.id)", token: h.adminToken)
            #expect(bots["data.0.id"] as? String == id)
            #expect(bots["meta.count"] as? Int == 1)
            #expect(try await client.admin(.get, "/personal-sessions?filter[scope]=openid", token: h.adminToken)["meta.count"] as? Int == 1)
            _ = try await client.admin(.post, "/personal-sessions/\(id)/revoke", token: h.adminToken)
            let revoked = try await client.admin(.get, "/personal-sessions?filter[status]=revoked", token: h.adminToken)
            #expect(revoked["data.0.id"] as? String == id)
            #expect(try await client.admin(.get, "/personal-sessions?filter[status]=active", token: h.adminToken)["meta.count"] as? Int == 1)
            #expect(try await client.admin(.get, "/personal-sessions?filter[owner_user]=\(alice.id)", token: h.adminToken)["meta.count"] as? Int == 0)
            #expect(try await client.admin(.get, "/personal-sessions?filter[status]=gone", token: h.adminToken).status == .badRequest)
        }
    }

    @Test func personalSessionsFilterByTheirTokensExpiryAsMAS() async throws {
        try await AdminHarness.with { h, client in
            let bot = try await h.user("bot")
            func create(_ name: String, expiresIn: Int?) async throws -> String {
                let expiry = expiresIn.map { #", "expires_in": \#($0)"# } ?? ""
                let created = try await client.admin(.post, "/personal-sessions", token: h.adminToken,
                                                     body: #"{"actor_user_id": "\#(bot.id)", "human_name": "\#(name)", "scope": "openid"\#(expiry)}"#)
                return try #require(created["data.id"] as? String)
            }
            let hour = try await create("hourly", expiresIn: 3600)
            let month = try await create("monthly", expiresIn: 30 * 86_400)
            let forever = try await create("forever", expiresIn: nil)
            let inADay = ISO8601DateFormatter().string(from: h.clock.now().addingTimeInterval(86_400))
            func ids(_ query: String) async throws -> [String] {
                let answer = try await client.admin(.get, "/personal-sessions?\(query)", token: h.adminToken)
                #expect(answer.status == .ok)
                return ((answer["data"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
            }
            #expect(try await ids("filter[expires_before]=\(inADay)") == [hour])
            #expect(try await ids("filter[expires_after]=\(inADay)") == [month])
            #expect(try await ids("filter[expires]=true") == [hour, month])
            #expect(try await ids("filter[expires]=false") == [forever])
            #expect(try await client.admin(.get, "/personal-sessions?filter[expires_before]=tomorrow", token: h.adminToken).status == .badRequest)
            #expect(try await client.admin(.get, "/personal-sessions?filter[expires]=maybe", token: h.adminToken).status == .badRequest)
        }
    }

    @Test func siteConfigReportsWhatTheDeploymentAllows() async throws {
        try await AdminHarness.with { h, client in
            let config = try await client.admin(.get, "/site-config", token: h.adminToken)
            #expect(config["server_name"] as? String == "example.com")
            #expect(config["password_login_enabled"] as? Bool == true)
            #expect(config["password_registration_enabled"] as? Bool == false)
            #expect(config["captcha_enabled"] as? Bool == false)
            #expect(config["minimum_password_complexity"] as? Int == 3)
        }
    }
}
