import Foundation
import HummingbirdTesting
import Testing

/// Cursor pagination: `page[first|last|after|before]` and `count`.
struct AdminPaginationTests {
    @Test func pagesThroughTwentyFiveUsersTenAtATime() async throws {
        try await AdminHarness.with { h, client in
            var created: [String] = []
            for index in 0..<25 { created.append(try await h.user(String(format: "user%02d", index)).id.description) }
            var seen: [String] = []
            var path = "/users?page[first]=10"
            var pages = 0
            while true {
                let page = try await client.admin(.get, path, token: h.adminToken)
                #expect(page.status == .ok)
                #expect(page["meta.count"] as? Int == 25)
                let ids = (page["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                seen += ids
                pages += 1
                guard let next = page["links.next"] as? String else { break }
                #expect(next.hasPrefix("/api/admin/v1/users?"))
                path = String(next.dropFirst("/api/admin/v1".count))
                #expect(pages < 5)
            }
            #expect(pages == 3)
            #expect(seen == created)

            let second = try await client.admin(.get, "/users?page[first]=10&page[after]=\(created[9])", token: h.adminToken)
            #expect((second["data"] as? [Any])?.count == 10)
            #expect(second["data.0.id"] as? String == created[10])
            #expect(second["data.0.meta.page.cursor"] as? String == created[10])
        }
    }

    @Test func pagesBackwardsWithLastAndBefore() async throws {
        try await AdminHarness.with { h, client in
            var created: [String] = []
            for index in 0..<12 { created.append(try await h.user("user\(index)x").id.description) }
            let last = try await client.admin(.get, "/users?page[last]=5", token: h.adminToken)
            #expect((last["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == Array(created.suffix(5)))
            #expect(last["links.prev"] as? String != nil)
            let before = try await client.admin(.get, "/users?page[last]=5&page[before]=\(created[7])", token: h.adminToken)
            #expect((before["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == Array(created[2..<7]))
        }
    }

    @Test func countCanBeLeftOutOrAskedForAlone() async throws {
        try await AdminHarness.with { h, client in
            _ = try await h.user()
            let only = try await client.admin(.get, "/users?count=only", token: h.adminToken)
            #expect(only["meta.count"] as? Int == 1)
            #expect(only["data"] == nil)
            let without = try await client.admin(.get, "/users?count=false", token: h.adminToken)
            #expect(without["meta"] == nil)
            #expect((without["data"] as? [Any])?.count == 1)
        }
    }

    @Test func badPageParametersAreRefused() async throws {
        try await AdminHarness.with { h, client in
            for query in ["page[first]=0", "page[first]=1000", "page[first]=ten", "page[after]=nope", "count=maybe", "page[first]=2&page[last]=2"] {
                let answer = try await client.admin(.get, "/users?\(query)", token: h.adminToken)
                #expect(answer.status == .badRequest, "\(query)")
                #expect(answer.errorTitle != nil)
            }
        }
    }
}
