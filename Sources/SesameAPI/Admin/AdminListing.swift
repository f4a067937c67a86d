import Foundation
import SesameStorage

/// A listing paged in the database: one row more than the page is read to learn whether another
/// page follows, and the total is counted only when `count` asks for it.
enum AdminListing {
    static func make<Row: Sendable>(
        _ call: AdminCall, _ environment: AdminEnvironment, resource: (Row) -> AdminResource,
        list: @escaping @Sendable (any Repositories, PageRequest) async throws -> [Row],
        count: @escaping @Sendable (any Repositories) async throws -> Int
    ) async throws -> AdminJSON {
        let page = try PageParameters(call)
        let probe = page.probe
        let (rows, more) = page.count == .only ? ([], false) : page.trim(try await environment.storage.read { try await list($0, probe) })
        return try await AdminListDocument.make(call, page: page, items: rows.map(resource), more: more) {
            try await environment.storage.read { try await count($0) }
        }
    }
}
