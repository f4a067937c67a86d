import SQLKit
import SesameModel

struct SQLUserPasswordRepository: UserPasswordRepository {
    let sql: any SQLDatabase

    func add(_ password: UserPassword) async throws {
        try await sql.execute("""
            INSERT INTO user_passwords (id, user_id, hashed_password, scheme_version, upgraded_from_id, created_at)
            VALUES (\(bind: password.id.description), \(bind: password.userID.description), \(bind: password.hashedPassword),
                    \(bind: password.schemeVersion), \(bind: password.upgradedFromID?.description), \(bind: password.createdAt))
            """)
    }

    func current(for userID: UserID) async throws -> UserPassword? {
        // Newest first; ULIDs minted in the same millisecond do not sort by time, so order by the
        // (microsecond) creation time before the ID.
        try await sql.fetchOne(
            "SELECT * FROM user_passwords WHERE user_id = \(bind: userID.description) ORDER BY created_at DESC, id DESC LIMIT 1",
            table: "user_passwords"
        ) { row in
            UserPassword(
                id: try row.id("id"),
                userID: try row.id("user_id"),
                hashedPassword: try row.string("hashed_password"),
                schemeVersion: try row.int("scheme_version"),
                upgradedFromID: try row.optionalID("upgraded_from_id"),
                createdAt: try row.date("created_at")
            )
        }
    }
}
