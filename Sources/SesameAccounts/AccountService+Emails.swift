import Foundation
import SesameModel
import SesameStorage

/// A signed-in user's own addresses: adding one after its code was typed, removing one. Each change
/// queues a `provision_user` job, so the homeserver's copy of the user's addresses follows.
extension AccountService {
    /// The user's addresses, oldest first.
    public func emails(of userID: UserID) async throws -> [UserEmail] {
        try await storage.read { try await $0.emails.list(for: userID) }
    }

    /// Adds the address `verification` proved to `userID`'s account as confirmed, consuming the
    /// verification in the same transaction. An address the user already has is just confirmed.
    public func addVerifiedEmail(_ verification: EmailVerification, to userID: UserID) async throws {
        guard verification.purpose == .addEmail(userID) else { throw RegistrationError.wrongVerification }
        let now = clock.now()
        try await storage.transaction { repositories in
            guard try await repositories.emailVerifications.consume(id: verification.id, at: now) else { throw RegistrationError.alreadyCompleted }
            let existing = try await repositories.emails.list(for: userID).first { $0.email.lowercased() == verification.email.lowercased() }
            if let existing {
                try await repositories.emails.markConfirmed(id: existing.id, at: now)
            } else {
                try await repositories.emails.add(UserEmail(id: UserEmailID(date: now), userID: userID, email: verification.email, createdAt: now, confirmedAt: now))
            }
            try await repositories.jobs.enqueue(try HomeserverJob.provisionUser(userID: userID).job(at: now))
        }
    }

    /// Removes the address `id` if it belongs to `userID`; false when it does not.
    public func removeEmail(_ id: UserEmailID, of userID: UserID) async throws -> Bool {
        let now = clock.now()
        return try await storage.transaction { repositories in
            guard let email = try await repositories.emails.find(id: id), email.userID == userID else { return false }
            try await repositories.emails.remove(id: id)
            try await repositories.jobs.enqueue(try HomeserverJob.provisionUser(userID: userID).job(at: now))
            return true
        }
    }
}
