import Foundation

/// A 6-digit code sent to an address to prove the person typing it reads that mailbox. Only a
/// hash of the code is kept; a code is single use, expires, and dies after too many wrong guesses.
public struct EmailVerification: Hashable, Sendable {
    /// What a correct code unlocks.
    public enum Purpose: Hashable, Sendable {
        /// Finishing a self-service registration.
        case registration(PendingRegistrationID)
        /// Adding the address to a signed-in user's account.
        case addEmail(UserID)
    }

    /// Wrong codes allowed before the verification is dead (a resend starts afresh).
    public static let maximumAttempts = 5
    /// How long a code stays valid.
    public static let lifetime: TimeInterval = 10 * 60

    public var id: EmailVerificationID
    /// The address the code was sent to, as entered.
    public var email: String
    public var purpose: Purpose
    /// The hash of the current code (see `VerificationCode` in SesameAccounts).
    public var codeHash: String
    /// Wrong codes typed against the current code.
    public var failedAttempts: Int
    public var createdAt: Date
    /// When the current code stops working.
    public var expiresAt: Date
    /// When a correct code was typed; a verification is used once.
    public var consumedAt: Date?

    /// Creates a verification value.
    public init(
        id: EmailVerificationID, email: String, purpose: Purpose, codeHash: String, failedAttempts: Int = 0,
        createdAt: Date, expiresAt: Date, consumedAt: Date? = nil
    ) {
        self.id = id
        self.email = email
        self.purpose = purpose
        self.codeHash = codeHash
        self.failedAttempts = failedAttempts
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.consumedAt = consumedAt
    }

    /// True while a code may still be tried at `date`.
    public func acceptsCodes(at date: Date) -> Bool {
        consumedAt == nil && date < expiresAt && failedAttempts < Self.maximumAttempts
    }
}

public typealias EmailVerificationID = EntityID<EmailVerification>
