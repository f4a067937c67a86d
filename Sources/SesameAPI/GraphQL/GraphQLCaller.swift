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

    /// Checks a password a mutation asks for (set password, deactivate, remove email) against the
    /// login rate limit's per-account bucket, so GraphQL is no unlimited password oracle for a
    /// stolen session cookie or token. Throws once the bucket is empty; charges wrong passwords.
    func confirmPassword(_ password: String, for user: User) async throws -> Bool {
        let limiter = environment.services.loginLimiter
        let account = user.username.rawValue
        if let limiter, case .limited(let wait) = limiter.admit(ip: nil, account: account) {
            throw GraphQLAPIError("Too many wrong passwords; try again in \(max(1, Int(wait.rounded(.up)))) seconds")
        }
        guard try await accounts.verifyPassword(password, for: user) else {
            limiter?.recordFailure(ip: nil, account: account)
            return false
        }
        return true
    }

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
