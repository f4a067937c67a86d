import Foundation
import Graphiti
import SesameAccounts
import SesameModel
import SesameStorage

/// `UserEmailAuthentication`: an address being proved with a mailed code (MAS's type of that name).
struct UserEmailAuthenticationNode: GraphQLNode {
    let verification: EmailVerification
    var id: GlobalID { GlobalID(.userEmailAuthentication, verification.id) }
    var createdAt: Date { verification.createdAt }
    var completedAt: Date? { verification.consumedAt }
    var email: String { verification.email }
}

struct AddEmailInput: Codable, Sendable { let email: String; let userId: GlobalID; let skipVerification: Bool?; let skipPolicyCheck: Bool? }
struct RemoveEmailInput: Codable, Sendable { let userEmailId: GlobalID; let password: String? }
struct StartEmailAuthenticationInput: Codable, Sendable { let email: String; let language: String? }
struct CompleteEmailAuthenticationInput: Codable, Sendable { let id: GlobalID; let code: String }
struct ResendEmailAuthenticationCodeInput: Codable, Sendable { let id: GlobalID; let language: String? }

enum AddEmailStatus: String, Codable, CaseIterable, Sendable { case added = "ADDED", exists = "EXISTS", invalid = "INVALID", denied = "DENIED" }
enum RemoveEmailStatus: String, Codable, CaseIterable, Sendable { case removed = "REMOVED", notFound = "NOT_FOUND", incorrectPassword = "INCORRECT_PASSWORD" }
enum StartEmailAuthenticationStatus: String, Codable, CaseIterable, Sendable {
    case started = "STARTED", invalidEmailAddress = "INVALID_EMAIL_ADDRESS", rateLimited = "RATE_LIMITED"
    case denied = "DENIED", inUse = "IN_USE", exists = "EXISTS"
}
enum CompleteEmailAuthenticationStatus: String, Codable, CaseIterable, Sendable {
    case completed = "COMPLETED", invalidCode = "INVALID_CODE", codeExpired = "CODE_EXPIRED", inUse = "IN_USE", rateLimited = "RATE_LIMITED"
}
enum ResendEmailAuthenticationCodeStatus: String, Codable, CaseIterable, Sendable { case resent = "RESENT", completed = "COMPLETED", rateLimited = "RATE_LIMITED" }

struct AddEmailPayload: Sendable { let status: AddEmailStatus; let email: UserEmailNode?; let user: UserNode? }
struct RemoveEmailPayload: Sendable { let status: RemoveEmailStatus; let email: UserEmailNode?; let user: UserNode? }
struct StartEmailAuthenticationPayload: Sendable { let status: StartEmailAuthenticationStatus; let authentication: UserEmailAuthenticationNode? }
struct CompleteEmailAuthenticationPayload: Sendable { let status: CompleteEmailAuthenticationStatus }
struct ResendEmailAuthenticationCodePayload: Sendable { let status: ResendEmailAuthenticationCodeStatus }

/// Email addresses: admins add confirmed ones directly; users prove theirs with a mailed code
/// (start, resend, complete) and remove them, as MAS's `user_email.rs` does.
extension GraphQLResolver {
    /// The signed-in user allowed to change their addresses.
    private func emailChanger(_ context: GraphQLCaller) throws(GraphQLAPIError) -> User {
        guard let user = context.requester.user else { throw .unauthorized }
        guard context.environment.site.emailChangeAllowed else { throw GraphQLAPIError("Email changes are not allowed on this server") }
        return user
    }

    /// Adds a confirmed address to any user; admins only.
    func addEmail(context: GraphQLCaller, arguments: InputArguments<AddEmailInput>) async throws -> AddEmailPayload {
        try context.requireAdmin()
        let input = arguments.input
        guard let userID = input.userId.id(.user, as: UserID.self), let user = try await context.storage.read({ try await $0.users.find(id: userID) }) else {
            throw GraphQLAPIError("User not found")
        }
        guard let address = EmailAddress(input.email) else { return AddEmailPayload(status: .invalid, email: nil, user: UserNode(user: user)) }
        let now = context.now
        let outcome: (AddEmailStatus, UserEmail?) = try await context.storage.transaction { repositories in
            if let existing = try await repositories.emails.list(for: userID).first(where: { $0.email.lowercased() == address.rawValue.lowercased() }) {
                return (.exists, existing)
            }
            if try await repositories.emails.findConfirmed(email: address.rawValue) != nil { return (.denied, nil) }
            let email = UserEmail(id: UserEmailID(date: now), userID: userID, email: address.rawValue, createdAt: now, confirmedAt: now)
            try await repositories.emails.add(email)
            try await repositories.jobs.enqueue(try HomeserverJob.provisionUser(userID: userID).job(at: now))
            return (.added, email)
        }
        return AddEmailPayload(status: outcome.0, email: outcome.1.map(UserEmailNode.init), user: UserNode(user: user))
    }

    /// Removes an address of the caller (any, for admins); a user confirms with their password when they have one.
    func removeEmail(context: GraphQLCaller, arguments: InputArguments<RemoveEmailInput>) async throws -> RemoveEmailPayload {
        guard let node = try await userEmail(context: context, arguments: IDArguments(id: arguments.input.userEmailId)) else {
            return RemoveEmailPayload(status: .notFound, email: nil, user: nil)
        }
        let email = node.email
        if !context.requester.isAdmin {
            let user = try emailChanger(context)
            let userID = user.id
            if try await context.storage.read({ try await $0.passwords.current(for: userID) }) != nil {
                guard let password = arguments.input.password, try await context.confirmPassword(password, for: user) else {
                    return RemoveEmailPayload(status: .incorrectPassword, email: node, user: nil)
                }
            }
        }
        let now = context.now
        try await context.storage.transaction { repositories in
            try await repositories.emails.remove(id: email.id)
            try await repositories.jobs.enqueue(try HomeserverJob.provisionUser(userID: email.userID).job(at: now))
        }
        return RemoveEmailPayload(status: .removed, email: node, user: try await GraphQLLoad.user(email.userID, context))
    }

    /// Mails a code proving `email` to the caller's account.
    func startEmailAuthentication(context: GraphQLCaller, arguments: InputArguments<StartEmailAuthenticationInput>) async throws -> StartEmailAuthenticationPayload {
        let user = try emailChanger(context)
        func refused(_ status: StartEmailAuthenticationStatus) -> StartEmailAuthenticationPayload { .init(status: status, authentication: nil) }
        guard let address = EmailAddress(arguments.input.email) else { return refused(.invalidEmailAddress) }
        let userID = user.id
        let (own, taken) = try await context.storage.read { repositories in
            (try await repositories.emails.list(for: userID).contains { $0.email.lowercased() == address.rawValue.lowercased() && $0.confirmedAt != nil },
             try await repositories.emails.findConfirmed(email: address.rawValue) != nil)
        }
        if own { return refused(.exists) }
        if taken { return refused(.inUse) }
        let sender = context.environment.emailCodes
        guard sender.mayStart(email: address.rawValue, userID: userID) else { return refused(.rateLimited) }
        let verifications = EmailVerifications(storage: context.storage, clock: context.environment.clock)
        let (verification, code) = try await verifications.start(email: address, purpose: .addEmail(userID))
        guard await sender.send(code: code, to: address.rawValue) else { throw GraphQLAPIError("the code could not be mailed; try again later") }
        return StartEmailAuthenticationPayload(status: .started, authentication: UserEmailAuthenticationNode(verification: verification))
    }

    /// Mails a fresh code for one of the caller's pending authentications (the old code stops working).
    func resendEmailAuthenticationCode(
        context: GraphQLCaller, arguments: InputArguments<ResendEmailAuthenticationCodeInput>
    ) async throws -> ResendEmailAuthenticationCodePayload {
        let user = try emailChanger(context)
        let verifications = EmailVerifications(storage: context.storage, clock: context.environment.clock)
        guard let id = arguments.input.id.id(.userEmailAuthentication, as: EmailVerificationID.self),
              let verification = try await verifications.find(id), verification.purpose == .addEmail(user.id)
        else { throw GraphQLAPIError("Unknown email authentication") }
        if verification.consumedAt != nil { return ResendEmailAuthenticationCodePayload(status: .completed) }
        let sender = context.environment.emailCodes
        guard sender.mayStart(email: verification.email, userID: user.id) else { return ResendEmailAuthenticationCodePayload(status: .rateLimited) }
        guard let (fresh, code) = try await verifications.resend(id: id) else { return ResendEmailAuthenticationCodePayload(status: .completed) }
        guard await sender.send(code: code, to: fresh.email) else { throw GraphQLAPIError("the code could not be mailed; try again later") }
        return ResendEmailAuthenticationCodePayload(status: .resent)
    }

    /// Checks the typed code; a right one adds the address, confirmed, to the caller's account.
    func completeEmailAuthentication(
        context: GraphQLCaller, arguments: InputArguments<CompleteEmailAuthenticationInput>
    ) async throws -> CompleteEmailAuthenticationPayload {
        let user = try emailChanger(context)
        let verifications = EmailVerifications(storage: context.storage, clock: context.environment.clock)
        guard let id = arguments.input.id.id(.userEmailAuthentication, as: EmailVerificationID.self),
              let pending = try await verifications.find(id), pending.purpose == .addEmail(user.id)
        else { throw GraphQLAPIError("Unknown email authentication") }
        switch try await verifications.check(id: id, typed: arguments.input.code) {
        case .correct(let verification):
            if try await context.storage.read({ try await $0.emails.findConfirmed(email: verification.email) }) != nil {
                return CompleteEmailAuthenticationPayload(status: .inUse)
            }
            do {
                try await context.accounts.addVerifiedEmail(verification, to: user.id)
            } catch RegistrationError.alreadyCompleted {
                return CompleteEmailAuthenticationPayload(status: .codeExpired)
            }
            let now = context.now
            try await context.storage.transaction { try await $0.jobs.enqueue(try HomeserverJob.provisionUser(userID: user.id).job(at: now)) }
            return CompleteEmailAuthenticationPayload(status: .completed)
        case .wrongCode: return CompleteEmailAuthenticationPayload(status: .invalidCode)
        case .tooManyAttempts: return CompleteEmailAuthenticationPayload(status: .rateLimited)
        case .expired, .alreadyUsed, .notFound: return CompleteEmailAuthenticationPayload(status: .codeExpired)
        }
    }

    /// One of the caller's email authentications (any, for admins).
    func userEmailAuthentication(context: GraphQLCaller, arguments: IDArguments) async throws -> UserEmailAuthenticationNode? {
        guard let id = arguments.id.id(.userEmailAuthentication, as: EmailVerificationID.self),
              let verification = try await context.storage.read({ try await $0.emailVerifications.find(id: id) }),
              case .addEmail(let userID) = verification.purpose, context.requester.isOwnerOrAdmin(userID)
        else { return nil }
        return UserEmailAuthenticationNode(verification: verification)
    }
}
