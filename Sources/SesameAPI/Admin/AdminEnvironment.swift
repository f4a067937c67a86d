import Foundation
import SesameAccounts
import SesameModel
import SesameOAuth
import SesameStorage

/// What the admin operations work with.
struct AdminEnvironment: Sendable {
    let services: OAuthServices
    let accounts: AccountService

    var storage: any Storage { services.storage }
    var clock: any WallClock { services.clock }
    var settings: OAuthSettings { services.settings }

    /// The user with `id`, or a 404.
    func requireUser(_ id: UserID) async throws -> User {
        guard let user = try await storage.read({ try await $0.users.find(id: id) }) else { throw AdminAPIError.notFound("user \(id) not found") }
        return user
    }

    /// The user named by the `filter[user]` query item, or a 400 (absent, malformed) or 404.
    func requireFilteredUser(_ call: AdminCall) async throws -> User {
        guard let text = call.query("filter[user]") else { throw AdminAPIError.badRequest("filter[user] is required") }
        guard let id = UserID(text) else { throw AdminAPIError.badRequest("filter[user] must be a user ID (a ULID)") }
        return try await requireUser(id)
    }

    /// The `filter[status]` query item (`active` or `finished`): true for active, false for finished, nil for both.
    func activeFilter(_ call: AdminCall) throws(AdminAPIError) -> Bool? {
        switch call.query("filter[status]") {
        case nil: return nil
        case "active": return true
        case "finished": return false
        case let other?: throw .badRequest("filter[status] must be active or finished, not \(other)")
        }
    }

    /// Queues a homeserver call in the caller's transaction, so the homeserver catches up even if it is down now.
    func enqueue(_ job: HomeserverJob, at now: Date, in repositories: any Repositories) async throws {
        try await repositories.jobs.enqueue(try job.job(at: now))
    }
}
