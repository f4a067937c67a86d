import Foundation
import SesameAccounts
import SesameModel
import SesameOAuth
import SesameStorage

/// The context every resolver receives: who is asking and what to work with.
struct GraphQLCaller: Sendable {
    let requester: GraphQLRequester
    let environment: AdminEnvironment

    var storage: any Storage { environment.storage }
    var accounts: AccountService { environment.accounts }
    var now: Date { environment.clock.now() }

    /// Refuses callers without admin powers.
    func requireAdmin() throws(GraphQLAPIError) {
        guard requester.isAdmin else { throw .unauthorized }
    }

    /// The user with `id`, when the caller may see them.
    func visibleUser(_ id: UserID) async throws -> User? {
        guard requester.isOwnerOrAdmin(id) else { return nil }
        return try await storage.read { try await $0.users.find(id: id) }
    }
}
