import Foundation
import SesameModel
import SesameStorage

/// Sending and checking the 6-digit codes that prove an address. The operation a code unlocks
/// (finishing a registration, adding an address) consumes the verification in its own
/// transaction, so a code works once even when two tabs submit it together.
public struct EmailVerifications: Sendable {
    let storage: any Storage
    let clock: any WallClock

    /// Creates the service over storage and a clock.
    public init(storage: any Storage, clock: any WallClock) {
        self.storage = storage
        self.clock = clock
    }

    /// What checking a typed code found.
    public enum Outcome: Equatable, Sendable {
        /// The code is right; the caller finishes the operation (which consumes the verification).
        case correct(EmailVerification)
        /// Wrong code; this many tries remain.
        case wrongCode(attemptsLeft: Int)
        /// Too many wrong codes: only a new code helps.
        case tooManyAttempts
        /// The code's 10 minutes are over: only a new code helps.
        case expired
        /// The verification was already used.
        case alreadyUsed
        /// No such verification.
        case notFound
    }

    /// A new verification of `email` for `purpose`, and the code to mail; the caller stores it
    /// (in the same transaction as whatever it belongs to).
    public func makeVerification(email: EmailAddress, purpose: EmailVerification.Purpose) -> (EmailVerification, code: String) {
        let now = clock.now()
        let id = EmailVerificationID(date: now)
        let code = VerificationCode.generate()
        let verification = EmailVerification(
            id: id, email: email.rawValue, purpose: purpose, codeHash: VerificationCode.hash(code, for: id),
            createdAt: now, expiresAt: now.addingTimeInterval(EmailVerification.lifetime)
        )
        return (verification, code)
    }

    /// Starts verifying `email` for `purpose`; returns the stored verification and the code to mail.
    public func start(email: EmailAddress, purpose: EmailVerification.Purpose) async throws -> (EmailVerification, code: String) {
        let (verification, code) = makeVerification(email: email, purpose: purpose)
        try await storage.transaction { try await $0.emailVerifications.add(verification) }
        return (verification, code)
    }

    /// A resend: a new code replaces the old one (which stops working), with fresh attempts and
    /// expiry. Nil when the verification does not exist or was already used.
    public func resend(id: EmailVerificationID) async throws -> (EmailVerification, code: String)? {
        guard let verification = try await find(id), verification.consumedAt == nil else { return nil }
        let code = VerificationCode.generate()
        let expiresAt = clock.now().addingTimeInterval(EmailVerification.lifetime)
        try await storage.transaction {
            try await $0.emailVerifications.replaceCode(id: id, codeHash: VerificationCode.hash(code, for: id), expiresAt: expiresAt)
        }
        guard let updated = try await find(id) else { return nil }
        return (updated, code)
    }

    /// The verification with `id`.
    public func find(_ id: EmailVerificationID) async throws -> EmailVerification? {
        try await storage.read { try await $0.emailVerifications.find(id: id) }
    }

    /// Checks `typed` against verification `id`, counting a wrong code.
    public func check(id: EmailVerificationID, typed: String) async throws -> Outcome {
        guard let verification = try await find(id) else { return .notFound }
        let now = clock.now()
        if verification.consumedAt != nil { return .alreadyUsed }
        if now >= verification.expiresAt { return .expired }
        if verification.failedAttempts >= EmailVerification.maximumAttempts { return .tooManyAttempts }
        // The try is counted before the code is compared, in one conditional update: guesses sent
        // all at once cannot each be compared against the same stale count (only five in all are).
        guard let tries = try await storage.transaction({ try await $0.emailVerifications.takeAttempt(id: id, at: now) }) else {
            // Used, expired or out of tries since it was read.
            guard let latest = try await find(id) else { return .notFound }
            if latest.consumedAt != nil { return .alreadyUsed }
            return now >= latest.expiresAt ? .expired : .tooManyAttempts
        }
        if VerificationCode.matches(typed, stored: verification.codeHash, for: id) {
            try await storage.transaction { try await $0.emailVerifications.returnAttempt(id: id) }
            return .correct(verification)
        }
        let left = EmailVerification.maximumAttempts - tries
        return left > 0 ? .wrongCode(attemptsLeft: left) : .tooManyAttempts
    }
}
