import Foundation
import SQLKit
import SesameModel

struct SQLPendingRegistrationRepository: PendingRegistrationRepository {
    let sql: any SQLDatabase

    func add(_ registration: PendingRegistration) async throws {
        try await sql.execute("""
            INSERT INTO pending_registrations (id, username, hashed_password, password_scheme_version, email,
                                               registration_token_id, next_path, created_at, expires_at, completed_at)
            VALUES (\(bind: registration.id.description), \(bind: registration.username.rawValue), \(bind: registration.hashedPassword),
                    \(bind: registration.passwordSchemeVersion), \(bind: registration.email),
                    \(bind: registration.registrationTokenID?.description), \(bind: registration.next),
                    \(bind: registration.createdAt), \(bind: registration.expiresAt), \(bind: registration.completedAt))
            """)
    }

    func find(id: PendingRegistrationID) async throws -> PendingRegistration? {
        try await sql.fetchOne("SELECT * FROM pending_registrations WHERE id = \(bind: id.description)", table: "pending_registrations", Self.registration)
    }

    func complete(id: PendingRegistrationID, at date: Date) async throws -> Bool {
        try await sql.updateReturningAny("""
            UPDATE pending_registrations SET completed_at = \(bind: date)
            WHERE id = \(bind: id.description) AND completed_at IS NULL
            RETURNING id
            """)
    }

    static func registration(_ row: RowReader) throws -> PendingRegistration {
        PendingRegistration(
            id: try row.id("id"),
            username: Username(trusted: try row.string("username")),
            hashedPassword: try row.string("hashed_password"),
            passwordSchemeVersion: try row.int("password_scheme_version"),
            email: try row.string("email"),
            registrationTokenID: try row.optionalID("registration_token_id"),
            next: try row.optionalString("next_path"),
            createdAt: try row.date("created_at"),
            expiresAt: try row.date("expires_at"),
            completedAt: try row.optionalDate("completed_at")
        )
    }
}
