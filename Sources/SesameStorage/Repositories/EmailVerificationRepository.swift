import Foundation
import SesameModel

/// Email verification codes (stored as hashes) for registration and for adding an address.
public protocol EmailVerificationRepository: Sendable {
    func add(_ verification: EmailVerification) async throws
    func find(id: EmailVerificationID) async throws -> EmailVerification?
    /// Counts one wrong code; returns the new count (nil when the verification does not exist).
    func recordFailedAttempt(id: EmailVerificationID) async throws -> Int?
    /// Takes one try at the code if, at `date`, the verification is unused, unexpired and under the
    /// attempt limit: counts it and returns the new count; nil (nothing written) otherwise. Counting
    /// before comparing keeps concurrent guesses from all being compared against one stale count.
    func takeAttempt(id: EmailVerificationID, at date: Date) async throws -> Int?
    /// Gives back the try a right code took, so the count stays one of wrong codes.
    func returnAttempt(id: EmailVerificationID) async throws
    /// Marks the verification used if, at `date`, it is unused, unexpired and under the attempt
    /// limit; false (nothing written) otherwise, so two tabs racing with the code cannot both win.
    func consume(id: EmailVerificationID, at date: Date) async throws -> Bool
    /// A resend: replaces the code, resets the wrong-attempt count and the expiry. Does nothing
    /// to a verification already used.
    func replaceCode(id: EmailVerificationID, codeHash: String, expiresAt: Date) async throws
}
