import Foundation
import HummingbirdTesting
import SesameAPI
import SesameModel
import Testing

/// MAS's connection filters on a user's sessions: `lastActive: {after, before}` everywhere, and
/// `client` on `oauth2Sessions`.
@Suite struct GraphQLSessionFilterTests {
    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    @Test func lastActiveKeepsOnlySessionsSeenWithinTheBounds() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let start = h.clock.now()
            let stale = try await h.compatSession(for: alice, device: "STALE")
            let fresh = try await h.compatSession(for: alice, device: "FRESH")
            _ = try await h.compatSession(for: alice, device: "NEVERSEEN")
            let staleBrowser = try await h.browserSession(for: alice)
            let freshBrowser = try await h.browserSession(for: alice)
            let staleAt = start.addingTimeInterval(3_600), freshAt = start.addingTimeInterval(30 * 86_400)
            try await h.storage.transaction { repositories in
                try await repositories.compatSessions.recordActivity(id: stale.id, at: staleAt, ip: nil)
                try await repositories.compatSessions.recordActivity(id: fresh.id, at: freshAt, ip: nil)
                try await repositories.browserSessions.recordActivity(id: staleBrowser.id, at: staleAt, ip: nil)
                try await repositories.browserSessions.recordActivity(id: freshBrowser.id, at: freshAt, ip: nil)
            }
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let middle = Self.iso(start.addingTimeInterval(86_400))
            func devices(_ connection: String, _ filter: String) async throws -> [String] {
                let fields = connection == "browserSessions" ? "id" : "... on CompatSession { deviceId }"
                let answer = try await client.graphql(
                    "query { viewer { ... on User { \(connection)(first: 10, lastActive: \(filter)) { totalCount nodes { \(fields) } } } } }",
                    as: .bearer(token)
                )
                #expect(answer.errorMessage == nil)
                let nodes = (answer["data.viewer.\(connection).nodes"] as? [[String: Any]]) ?? []
                return nodes.compactMap { ($0["deviceId"] ?? $0["id"]) as? String }
            }
            #expect(try await devices("compatSessions", #"{ before: "\#(middle)" }"#) == ["STALE"])
            #expect(try await devices("compatSessions", #"{ after: "\#(middle)" }"#) == ["FRESH"])
            #expect(try await devices("compatSessions", "{}").count == 3)
            #expect(try await devices("appSessions", #"{ after: "\#(middle)" }"#) == ["FRESH"])
            #expect(try await devices("browserSessions", #"{ before: "\#(middle)" }"#) == ["session:\(staleBrowser.id)"])
            let bad = try await client.graphql(#"query { viewer { ... on User { compatSessions(lastActive: { after: "yesterday" }) { totalCount } } } }"#, as: .bearer(token))
            #expect(bad.errorMessage != nil)
            #expect(bad["data.viewer"] == nil || bad["data"] is NSNull)
        }
    }

    @Test func oauth2SessionsFilterByClientAndLastActive() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let first = try await h.oauthSession(for: alice)
            let second = try await h.oauthSession(for: alice)
            let seen = h.clock.now().addingTimeInterval(60)
            try await h.storage.transaction { try await $0.oauthSessions.recordActivity(id: second.id, at: seen, ip: nil) }
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            func ids(_ arguments: String) async throws -> [String] {
                let answer = try await client.graphql("query { viewer { ... on User { oauth2Sessions(first: 10\(arguments)) { nodes { id } } } } }", as: .bearer(token))
                #expect(answer.errorMessage == nil)
                return ((answer["data.viewer.oauth2Sessions.nodes"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
            }
            #expect(try await ids(#", client: "oauth2_client:\#(first.clientID)""#) == ["oauth2_session:\(first.id)"])
            #expect(try await ids(#", client: "oauth2_client:\#(second.clientID)""#) == ["oauth2_session:\(second.id)"])
            #expect(try await ids(#", lastActive: { after: "\#(Self.iso(seen.addingTimeInterval(-1)))" }"#) == ["oauth2_session:\(second.id)"])
            let wrong = try await client.graphql(#"query { viewer { ... on User { oauth2Sessions(client: "user:\#(alice.id)") { totalCount } } } }"#, as: .bearer(token))
            #expect(wrong.errorMessage == "invalid client ID")
        }
    }

    @Test func compatSessionsFilterByHowTheyBegan() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            _ = try await h.compatSession(for: alice, device: "PASSWORD")
            let browser = try await h.browserSession(for: alice)
            let now = h.clock.now()
            let sso = CompatSession(id: CompatSessionID(date: now), userID: alice.id, deviceID: try #require(DeviceID("SSODEVICE")), browserSessionID: browser.id, createdAt: now)
            try await h.storage.transaction { try await $0.compatSessions.add(sso) }
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            func devices(_ type: String) async throws -> [String] {
                let answer = try await client.graphql("query { viewer { ... on User { compatSessions(first: 10, type: \(type)) { nodes { deviceId } } } } }", as: .bearer(token))
                #expect(answer.errorMessage == nil)
                return ((answer["data.viewer.compatSessions.nodes"] as? [[String: Any]]) ?? []).compactMap { $0["deviceId"] as? String }
            }
            #expect(try await devices("SSO_LOGIN") == ["SSODEVICE"])
            #expect(try await devices("UNKNOWN") == ["PASSWORD"])
        }
    }
}
