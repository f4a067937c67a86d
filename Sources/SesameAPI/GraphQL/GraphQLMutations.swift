import Foundation
import Graphiti
import SesameAccounts
import SesameModel
import SesameStorage

/// Every mutation takes one `input` object, as MAS's do.
struct InputArguments<Input: Codable & Sendable>: Codable, Sendable {
    let input: Input
}

struct LockUserInput: Codable, Sendable { let userId: GlobalID; let deactivate: Bool? }
struct UnlockUserInput: Codable, Sendable { let userId: GlobalID }
struct AddUserInput: Codable, Sendable { let username: String; let skipHomeserverCheck: Bool? }
struct SetCanRequestAdminInput: Codable, Sendable { let userId: GlobalID; let canRequestAdmin: Bool }
struct EndOAuth2SessionInput: Codable, Sendable { let oauth2SessionId: GlobalID }
struct EndCompatSessionInput: Codable, Sendable { let compatSessionId: GlobalID }
struct EndBrowserSessionInput: Codable, Sendable { let browserSessionId: GlobalID }
struct SetPasswordInput: Codable, Sendable { let userId: GlobalID; let currentPassword: String?; let newPassword: String }

enum LockUserStatus: String, Codable, CaseIterable, Sendable { case locked = "LOCKED", notFound = "NOT_FOUND" }
enum UnlockUserStatus: String, Codable, CaseIterable, Sendable { case unlocked = "UNLOCKED", notFound = "NOT_FOUND" }
enum AddUserStatus: String, Codable, CaseIterable, Sendable { case added = "ADDED", exists = "EXISTS", reserved = "RESERVED", invalid = "INVALID" }
enum EndSessionStatus: String, Codable, CaseIterable, Sendable { case ended = "ENDED", notFound = "NOT_FOUND" }
enum SetPasswordStatus: String, Codable, CaseIterable, Sendable {
    case allowed = "ALLOWED", notFound = "NOT_FOUND", noCurrentPassword = "NO_CURRENT_PASSWORD"
    case wrongPassword = "WRONG_PASSWORD", invalidNewPassword = "INVALID_NEW_PASSWORD"
    // MAS's answers to `setPasswordByRecovery`.
    case passwordChangesDisabled = "PASSWORD_CHANGES_DISABLED", noSuchRecoveryTicket = "NO_SUCH_RECOVERY_TICKET"
    case recoveryTicketAlreadyUsed = "RECOVERY_TICKET_ALREADY_USED", expiredRecoveryTicket = "EXPIRED_RECOVERY_TICKET"
}

struct LockUserPayload: Sendable { let status: LockUserStatus; let user: UserNode? }
struct UnlockUserPayload: Sendable { let status: UnlockUserStatus; let user: UserNode? }
struct AddUserPayload: Sendable { let status: AddUserStatus; let user: UserNode? }
struct SetCanRequestAdminPayload: Sendable { let user: UserNode? }
struct EndOAuth2SessionPayload: Sendable { let status: EndSessionStatus; let oauth2Session: OAuth2SessionNode? }
struct EndCompatSessionPayload: Sendable { let status: EndSessionStatus; let compatSession: CompatSessionNode? }
struct EndBrowserSessionPayload: Sendable { let status: EndSessionStatus; let browserSession: BrowserSessionNode? }
struct SetPasswordPayload: Sendable { let status: SetPasswordStatus }

extension GraphQLResolver {
    private func findUser(_ id: GlobalID, _ context: GraphQLCaller) async throws -> User? {
        guard let userID = id.id(.user, as: UserID.self) else { return nil }
        return try await context.storage.read { try await $0.users.find(id: userID) }
    }

    func lockUser(context: GraphQLCaller, arguments: InputArguments<LockUserInput>) async throws -> LockUserPayload {
        try context.requireAdmin()
        guard let user = try await findUser(arguments.input.userId, context) else { return LockUserPayload(status: .notFound, user: nil) }
        var locked = try await context.accounts.setLocked(username: user.username.rawValue, true)
        if arguments.input.deactivate == true { locked = try await context.accounts.deactivate(username: user.username.rawValue) }
        return LockUserPayload(status: .locked, user: UserNode(user: locked))
    }

    func unlockUser(context: GraphQLCaller, arguments: InputArguments<UnlockUserInput>) async throws -> UnlockUserPayload {
        try context.requireAdmin()
        guard let user = try await findUser(arguments.input.userId, context) else { return UnlockUserPayload(status: .notFound, user: nil) }
        let unlocked = try await context.accounts.setLocked(username: user.username.rawValue, false)
        return UnlockUserPayload(status: .unlocked, user: UserNode(user: unlocked))
    }

    func addUser(context: GraphQLCaller, arguments: InputArguments<AddUserInput>) async throws -> AddUserPayload {
        try context.requireAdmin()
        do {
            let user = try await context.accounts.register(username: arguments.input.username, password: nil, email: nil, canRequestAdmin: false)
            return AddUserPayload(status: .added, user: UserNode(user: user))
        } catch AccountError.usernameTaken {
            let existing = try await context.storage.read { try await $0.users.find(username: arguments.input.username) }
            return AddUserPayload(status: .exists, user: existing.map(UserNode.init))
        } catch AccountError.invalidUsername {
            return AddUserPayload(status: .invalid, user: nil)
        }
    }

    func setCanRequestAdmin(context: GraphQLCaller, arguments: InputArguments<SetCanRequestAdminInput>) async throws -> SetCanRequestAdminPayload {
        try context.requireAdmin()
        guard let user = try await findUser(arguments.input.userId, context) else { return SetCanRequestAdminPayload(user: nil) }
        let updated = try await context.accounts.setCanRequestAdmin(username: user.username.rawValue, arguments.input.canRequestAdmin)
        return SetCanRequestAdminPayload(user: UserNode(user: updated))
    }

    /// Ends one of the caller's OAuth sessions (any, for admins): tokens revoked, device removed.
    func endOauth2Session(context: GraphQLCaller, arguments: InputArguments<EndOAuth2SessionInput>) async throws -> EndOAuth2SessionPayload {
        guard let session = try await oauth2Session(context: context, arguments: IDArguments(id: arguments.input.oauth2SessionId)) else {
            return EndOAuth2SessionPayload(status: .notFound, oauth2Session: nil)
        }
        if session.session.isActive {
            let now = context.now
            try await context.storage.transaction { try await SessionOperations.endOAuthSession(session.session.id, at: now, in: $0) }
        }
        let ended = try await oauth2Session(context: context, arguments: IDArguments(id: arguments.input.oauth2SessionId))
        return EndOAuth2SessionPayload(status: .ended, oauth2Session: ended)
    }

    /// Ends one of the caller's compat sessions (any, for admins): tokens revoked, device removed.
    func endCompatSession(context: GraphQLCaller, arguments: InputArguments<EndCompatSessionInput>) async throws -> EndCompatSessionPayload {
        guard let session = try await compatSession(context: context, arguments: IDArguments(id: arguments.input.compatSessionId)) else {
            return EndCompatSessionPayload(status: .notFound, compatSession: nil)
        }
        if session.session.isActive {
            let now = context.now
            try await context.storage.transaction { try await SessionOperations.endCompatSession(session.session.id, at: now, in: $0) }
        }
        let ended = try await compatSession(context: context, arguments: IDArguments(id: arguments.input.compatSessionId))
        return EndCompatSessionPayload(status: .ended, compatSession: ended)
    }

    /// Signs one of the caller's browsers out (any, for admins).
    func endBrowserSession(context: GraphQLCaller, arguments: InputArguments<EndBrowserSessionInput>) async throws -> EndBrowserSessionPayload {
        guard let session = try await browserSession(context: context, arguments: IDArguments(id: arguments.input.browserSessionId)) else {
            return EndBrowserSessionPayload(status: .notFound, browserSession: nil)
        }
        if session.session.isActive {
            let now = context.now
            try await context.storage.transaction { try await $0.browserSessions.finish(id: session.session.id, at: now) }
        }
        let ended = try await browserSession(context: context, arguments: IDArguments(id: arguments.input.browserSessionId))
        return EndBrowserSessionPayload(status: .ended, browserSession: ended)
    }

    /// Changes a password: the owner must give the current one; an admin need not.
    func setPassword(context: GraphQLCaller, arguments: InputArguments<SetPasswordInput>) async throws -> SetPasswordPayload {
        let input = arguments.input
        guard let user = try await findUser(input.userId, context), context.requester.isOwnerOrAdmin(user.id) else {
            return SetPasswordPayload(status: .notFound)
        }
        let site = context.environment.site
        // As MAS: people change their own password only where the server allows it; admins always may.
        if !context.requester.isAdmin, !site.passwordChangeAllowed { return SetPasswordPayload(status: .passwordChangesDisabled) }
        // As MAS: the new password must meet the configured complexity, whoever sets it.
        guard PasswordStrength(minimumScore: site.minimumPasswordComplexity).problem(with: input.newPassword, username: user.username.rawValue) == nil else {
            return SetPasswordPayload(status: .invalidNewPassword)
        }
        if !context.requester.isAdmin {
            guard let current = input.currentPassword else { return SetPasswordPayload(status: .noCurrentPassword) }
            guard try await context.confirmPassword(current, for: user) else { return SetPasswordPayload(status: .wrongPassword) }
        }
        try await context.accounts.setPassword(username: user.username.rawValue, password: input.newPassword)
        return SetPasswordPayload(status: .allowed)
    }
}
