import Foundation
import Graphiti
import SesameAccounts
import SesameModel
import SesameStorage

struct SetDisplayNameInput: Codable, Sendable { let userId: GlobalID; let displayName: String? }
struct DeactivateUserInput: Codable, Sendable { let hsErase: Bool; let password: String? }
struct AllowUserCrossSigningResetInput: Codable, Sendable { let userId: GlobalID }

enum SetDisplayNameStatus: String, Codable, CaseIterable, Sendable { case set = "SET", invalid = "INVALID" }
enum DeactivateUserStatus: String, Codable, CaseIterable, Sendable { case deactivated = "DEACTIVATED", incorrectPassword = "INCORRECT_PASSWORD" }

struct SetDisplayNamePayload: Sendable { let status: SetDisplayNameStatus; let user: UserNode? }
struct DeactivateUserPayload: Sendable { let status: DeactivateUserStatus; let user: UserNode? }
struct AllowUserCrossSigningResetPayload: Sendable { let user: UserNode? }

/// Mutations on one account: its display name, deactivating it, and cross-signing resets (MAS's `user.rs` and `matrix.rs`).
extension GraphQLResolver {
    /// Sets (or, with null or blank, removes) a display name, here and on the homeserver. The owner
    /// may do it when the deployment allows display name changes; an admin always may.
    func setDisplayName(context: GraphQLCaller, arguments: InputArguments<SetDisplayNameInput>) async throws -> SetDisplayNamePayload {
        let input = arguments.input
        guard let userID = input.userId.id(.user, as: UserID.self), context.requester.isOwnerOrAdmin(userID) else { throw GraphQLAPIError.unauthorized }
        if !context.requester.isAdmin, !context.environment.site.displaynameChangeAllowed {
            throw GraphQLAPIError("Display name changes are not allowed on this server")
        }
        guard try await context.storage.read({ try await $0.users.find(id: userID) }) != nil else { throw GraphQLAPIError("User not found") }
        do {
            try await context.accounts.setDisplayName(of: userID, input.displayName)
        } catch is DisplayNameTooLong {
            return SetDisplayNamePayload(status: .invalid, user: nil)
        }
        return SetDisplayNamePayload(status: .set, user: try await GraphQLLoad.user(userID, context))
    }

    /// Deactivates the caller's own account, as MAS does: every session ends and the homeserver
    /// deactivates the user (erasing their data with `hsErase`). A password, when the account has
    /// one, must be given. Admins deactivate others with `lockUser(deactivate: true)`.
    func deactivateUser(context: GraphQLCaller, arguments: InputArguments<DeactivateUserInput>) async throws -> DeactivateUserPayload {
        guard let user = context.requester.user else { throw GraphQLAPIError.unauthorized }
        guard context.environment.site.accountDeactivationAllowed else {
            throw GraphQLAPIError("Account deactivation is not allowed on this server")
        }
        let userID = user.id
        if try await context.storage.read({ try await $0.passwords.current(for: userID) }) != nil {
            guard let password = arguments.input.password, try await context.confirmPassword(password, for: user) else {
                return DeactivateUserPayload(status: .incorrectPassword, user: nil)
            }
        }
        let deactivated = try await context.accounts.deactivate(username: user.username.rawValue, erase: arguments.input.hsErase)
        return DeactivateUserPayload(status: .deactivated, user: UserNode(user: deactivated))
    }

    /// Lets the user replace their cross-signing keys without interactive auth for a short while
    /// (the homeserver's `allow_cross_signing_reset`); the owner or an admin may ask.
    func allowUserCrossSigningReset(
        context: GraphQLCaller, arguments: InputArguments<AllowUserCrossSigningResetInput>
    ) async throws -> AllowUserCrossSigningResetPayload {
        guard let userID = arguments.input.userId.id(.user, as: UserID.self), context.requester.isOwnerOrAdmin(userID) else {
            throw GraphQLAPIError.unauthorized
        }
        guard let user = try await context.storage.read({ try await $0.users.find(id: userID) }) else {
            return AllowUserCrossSigningResetPayload(user: nil)
        }
        do {
            try await context.environment.services.homeserver.allowCrossSigningReset(localpart: user.username.rawValue)
        } catch {
            throw GraphQLAPIError("the homeserver could not allow the cross-signing reset; try again shortly")
        }
        return AllowUserCrossSigningResetPayload(user: UserNode(user: user))
    }
}
