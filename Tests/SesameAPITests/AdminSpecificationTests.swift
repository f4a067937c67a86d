import Foundation
import Hummingbird
import HummingbirdTesting
import SesameAPI
import Testing

/// The OpenAPI document and the doc page describe exactly the routes served.
struct AdminSpecificationTests {
    @Test func everyRouteHasASpecEntryAndEverySpecEntryARoute() async throws {
        try await AdminHarness.with { h, _ in
            let router = Router()
            let routes = AdminAPIRoutes(services: h.services, accounts: h.accounts)
            routes.register(on: router)
            let served = Set(router.routes.map { "\($0.method.rawValue) \($0.path)" }.filter { $0.contains("/api/admin/v1/") })
            let data = try JSONEncoder().encode(routes.specification)
            let spec = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(spec["openapi"] as? String == "3.1.0")
            let paths = try #require(spec["paths"] as? [String: [String: Any]])
            var described = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys { described.insert("\(method.uppercased()) \(path)") }
            }
            #expect(!served.isEmpty)
            #expect(served == described, "served but not described: \(served.subtracting(described)); described but not served: \(described.subtracting(served))")
        }
    }

    @Test func theSpecAndTheDocPageAreServedWithoutAuthentication() async throws {
        try await AdminHarness.with { _, client in
            try await client.execute(uri: "/api/spec.json", method: .get) { response in
                #expect(response.status == .ok)
                let spec = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect((spec?["paths"] as? [String: Any])?["/api/admin/v1/users"] != nil)
            }
            try await client.execute(uri: "/api/doc/", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("/api/admin/v1/users/{id}/lock"))
                #expect(!html.contains("https://"))
            }
        }
    }
}
