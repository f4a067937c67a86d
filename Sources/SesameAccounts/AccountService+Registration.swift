import Foundation
import SesameCrypto
import SesameModel
import SesameStorage

/// Self-service registration: at once when no address must be verified, or in two steps
/// (a pending registration, then the code mailed to the address).
extension AccountService {
    /// The invite code `code` names when it can still be used now; nil otherwise.
    public func usableRegistrationToken(_ code: String) async throws -> RegistrationToken? {
        guard !code.isEmpty, let token = try await storage.read({ try await $0.registrationTokens.find(token: code) }) else { return nil }
        return token.isUsable(at: clock.now()) ? token : nil
    }

    /// Creates the user now, counting one use of `registrationTokenID` (if any) in the same transaction.
    public func registerNow(username: Username, password: String, registrationTokenID: RegistrationTokenID?) async throws -> User {
        if password.isEmpty { throw AccountError.emptyPassword }
        let hashed = try await hasher.hash(password)
        return try await createUser(username: username, hashed: hashed, confirmedEmail: nil, registrationTokenID: registrationTokenID) { _ in }
    }

    /// Keeps a registration until `email` is verified: hashes the password and stores it with a
    /// new verification. Returns the verification and the code to mail.
    public func beginRegistration(
        username: Username, password: String, email: EmailAddress, registrationTokenID: RegistrationTokenID?, next: String?
    ) async throws -> (EmailVerification, code: String) {
        if password.isEmpty { throw AccountError.emptyPassword }
        let hashed = try await hasher.hash(password)
        let now = clock.now()
        let registration = PendingRegistration(
            id: PendingRegistrationID(date: now), username: username, hashedPassword: hashed.hash, passwordSchemeVersion: hashed.version,
            email: email.rawValue, registrationTokenID: registrationTokenID, next: next, createdAt: now,
            expiresAt: now.addingTimeInterval(PendingRegistration.lifetime)
        )
        let (verification, code) = EmailVerifications(storage: storage, clock: clock)
            .makeVerification(email: email, purpose: .registration(registration.id))
        try await storage.transaction { repositories in
            try await repositories.pendingRegistrations.add(registration)
            try await repositories.emailVerifications.add(verification)
        }
        return (verification, code)
    }

    /// The pending registration a verification belongs to.
    public func pendingRegistration(for verification: EmailVerification) async throws -> PendingRegistration? {
        guard case .registration(let id) = verification.purpose else { return nil }
        return try await storage.read { try await $0.pendingRegistrations.find(id: id) }
    }

    /// Finishes the registration `verification` proved the address of: creates the user with that
    /// address confirmed and counts the invite code's use, consuming the verification in the same
    /// transaction. Returns the user and where the registration wanted to continue.
    public func completeRegistration(_ verification: EmailVerification) async throws -> (User, next: String?) {
        guard let registration = try await pendingRegistration(for: verification) else { throw RegistrationError.wrongVerification }
        let now = clock.now()
        guard registration.completedAt == nil else { throw RegistrationError.alreadyCompleted }
        guard now < registration.expiresAt else { throw RegistrationError.registrationExpired }
        let hashed = HashedPassword(version: registration.passwordSchemeVersion, hash: registration.hashedPassword)
        let user = try await createUser(
            username: registration.username, hashed: hashed, confirmedEmail: registration.email, registrationTokenID: registration.registrationTokenID
        ) { repositories in
            guard try await repositories.emailVerifications.consume(id: verification.id, at: now),
                  try await repositories.pendingRegistrations.complete(id: registration.id, at: now)
            else { throw RegistrationError.alreadyCompleted }
        }
        return (user, registration.next)
    }

    /// Stores a new user with a password, an optional confirmed address and a use of the invite
    /// code, queueing the homeserver provisioning; `also` runs in the same transaction first.
    private func createUser(
        username: Username, hashed: HashedPassword, confirmedEmail: String?, registrationTokenID: RegistrationTokenID?,
        also: @escaping @Sendable (any Repositories) async throws -> Void
    ) async throws -> User {
        let now = clock.now()
        let user = User(id: UserID(date: now), username: username, createdAt: now, canRequestAdmin: false)
        do {
            try await storage.transaction { repositories in
                try await also(repositories)
                if let registrationTokenID, try await !repositories.registrationTokens.use(id: registrationTokenID, at: now) {
                    throw RegistrationError.registrationTokenUnusable
                }
                try await repositories.users.add(user)
                try await repositories.passwords.add(UserPassword(
                    id: UserPasswordID(date: now), userID: user.id, hashedPassword: hashed.hash, schemeVersion: hashed.version, createdAt: now
                ))
                if let confirmedEmail {
                    try await repositories.emails.add(UserEmail(id: UserEmailID(date: now), userID: user.id, email: confirmedEmail, createdAt: now, confirmedAt: now))
                }
                try await repositories.jobs.enqueue(try HomeserverJob.provisionUser(userID: user.id).job(at: now))
            }
        } catch StorageError.uniqueViolation {
            throw AccountError.usernameTaken(username.rawValue)
        }
        return user
    }
}
