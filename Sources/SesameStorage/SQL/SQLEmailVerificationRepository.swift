import Foundation
import SQLKit
import SesameModel

struct SQLEmailVerificationRepository: EmailVerificationRepository {
    let sql: any SQLDatabase

    func add(_ verification: EmailVerification) async throws {
        let (registrationID, userID) = Self.columns(for: verification.purpose)
        try await sql.execute("""
            INSERT INTO email_verifications (id, email, registration_id, user_id, code_hash, failed_attempts, created_at, expires_at, consumed_at)
            VALUES (\(bind: verification.id.description), \(bind: verification.email), \(bind: registrationID), \(bind: userID),
                    \(bind: verification.codeHash), \(bind: verification.failedAttempts), \(bind: verification.createdAt),
                    \(bind: verification.expiresAt), \(bind: verification.consumedAt))
            """)
    }

    func find(id: EmailVerificationID) async throws -> EmailVerification? {
        try await sql.fetchOne("SELECT * FROM email_verifications WHERE id = \(bind: id.description)", table: "email_verifications", Self.verification)
    }

    func recordFailedAttempt(id: EmailVerificationID) async throws -> Int? {
        try await sql.fetchOne("""
            UPDATE email_verifications SET failed_attempts = failed_attempts + 1
            WHERE id = \(bind: id.description)
            RETURNING failed_attempts
            """, table: "email_verifications") { try $0.int("failed_attempts") }
    }

    func takeAttempt(id: EmailVerificationID, at date: Date) async throws -> Int? {
        try await sql.fetchOne("""
            UPDATE email_verifications SET failed_attempts = failed_attempts + 1
            WHERE id = \(bind: id.description)
              AND consumed_at IS NULL
              AND expires_at > \(bind: date)
              AND failed_attempts < \(bind: EmailVerification.maximumAttempts)
            RETURNING failed_attempts
            """, table: "email_verifications") { try $0.int("failed_attempts") }
    }

    func returnAttempt(id: EmailVerificationID) async throws {
        try await sql.execute("""
            UPDATE email_verifications SET failed_attempts = failed_attempts - 1
            WHERE id = \(bind: id.description) AND consumed_at IS NULL AND failed_attempts > 0
            """)
    }

    func consume(id: EmailVerificationID, at date: Date) async throws -> Bool {
        try await sql.updateReturningAny("""
            UPDATE email_verifications SET consumed_at = \(bind: date)
            WHERE id = \(bind: id.description)
              AND consumed_at IS NULL
              AND expires_at > \(bind: date)
              AND failed_attempts < \(bind: EmailVerification.maximumAttempts)
            RETURNING id
            """)
    }

    func replaceCode(id: EmailVerificationID, codeHash: String, expiresAt: Date) async throws {
        try await sql.execute("""
            UPDATE email_verifications SET code_hash = \(bind: codeHash), failed_attempts = 0, expires_at = \(bind: expiresAt)
            WHERE id = \(bind: id.description) AND consumed_at IS NULL
            """)
    }

    /// The two nullable columns holding the purpose; exactly one is set (a CHECK enforces it).
    private static func columns(for purpose: EmailVerification.Purpose) -> (registration: String?, user: String?) {
        switch purpose {
        case .registration(let id): (id.description, nil)
        case .addEmail(let id): (nil, id.description)
        }
    }

    static func verification(_ row: RowReader) throws -> EmailVerification {
        let purpose: EmailVerification.Purpose
        if let registrationID: PendingRegistrationID = try row.optionalID("registration_id") {
            purpose = .registration(registrationID)
        } else {
            purpose = .addEmail(try row.id("user_id"))
        }
        return EmailVerification(
            id: try row.id("id"),
            email: try row.string("email"),
            purpose: purpose,
            codeHash: try row.string("code_hash"),
            failedAttempts: try row.int("failed_attempts"),
            createdAt: try row.date("created_at"),
            expiresAt: try row.date("expires_at"),
            consumedAt: try row.optionalDate("consumed_at")
        )
    }
}
