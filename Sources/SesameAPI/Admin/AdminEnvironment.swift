import Foundation
import SesameAccounts
import SesameModel
import SesameOAuth
import SesameStorage

/// What the admin operations work with.
struct AdminEnvironment: Sendable {
    let services: OAuthServices
    let accounts: AccountService
    /// What the deployment allows, for `/site-config` and `siteConfig`.
    let site: SiteConfiguration
    /// Mails GraphQL's email authentication codes.
    var emailCodes: any EmailCodeSender = UnavailableEmailCodeSender()
    /// Mails the links of GraphQL's `resendRecoveryEmail`.
    var recoveryLinks: any RecoveryLinkSender = UnavailableRecoveryLinkSender()

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

    /// The user named by the `filter[user]` query item, nil when absent; 400 when malformed, 404 when unknown.
    func optionalFilteredUser(_ call: AdminCall) async throws -> User? {
        guard call.query("filter[user]") != nil else { return nil }
        return try await requireFilteredUser(call)
    }

    /// Queues a homeserver call in the caller's transaction, so the homeserver catches up even if it is down now.
    func enqueue(_ job: HomeserverJob, at now: Date, in repositories: any Repositories) async throws {
        try await repositories.jobs.enqueue(try job.job(at: now))
    }
}
