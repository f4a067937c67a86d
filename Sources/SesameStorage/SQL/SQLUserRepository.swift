import Foundation
import SQLKit
import SesameModel

struct SQLUserRepository: UserRepository {
    let sql: any SQLDatabase

    func add(_ user: User) async throws {
        try await sql.execute("""
            INSERT INTO users (id, username, created_at, locked_at, deactivated_at, can_request_admin)
            VALUES (\(bind: user.id.description), \(bind: user.username.rawValue), \(bind: user.createdAt),
                    \(bind: user.lockedAt), \(bind: user.deactivatedAt), \(bind: user.canRequestAdmin))
            """)
    }

    func find(id: UserID) async throws -> User? {
        try await sql.fetchOne("SELECT * FROM users WHERE id = \(bind: id.description)", table: "users", Self.user)
    }

    func find(username: String) async throws -> User? {
        try await sql.fetchOne("SELECT * FROM users WHERE username = \(bind: username)", table: "users", Self.user)
    }

    func list(_ filter: UserFilter, page: PageRequest) async throws -> [User] {
        let query: SQLQueryString = "SELECT * FROM users WHERE \(Self.condition(filter))" + page.keysetClause
        return page.inIDOrder(try await sql.fetchAll(query, table: "users", Self.user))
    }

    func count(_ filter: UserFilter) async throws -> Int {
        try await sql.fetchOne("SELECT COUNT(*) AS n FROM users WHERE \(Self.condition(filter))", table: "users") { try $0.int("n") } ?? 0
    }

    func setLocked(id: UserID, at date: Date?) async throws {
        try await sql.execute("UPDATE users SET locked_at = \(bind: date) WHERE id = \(bind: id.description)")
    }

    func setDeactivated(id: UserID, at date: Date?) async throws {
        try await sql.execute("UPDATE users SET deactivated_at = \(bind: date) WHERE id = \(bind: id.description)")
    }

    func setCanRequestAdmin(id: UserID, _ allowed: Bool) async throws {
        try await sql.execute("UPDATE users SET can_request_admin = \(bind: allowed) WHERE id = \(bind: id.description)")
    }

    func displayName(id: UserID) async throws -> String? {
        try await sql.fetchOne("SELECT display_name FROM users WHERE id = \(bind: id.description)", table: "users") {
            try $0.optionalString("display_name")
        } ?? nil
    }

    func setDisplayName(id: UserID, _ name: String?) async throws {
        try await sql.execute("UPDATE users SET display_name = \(bind: name) WHERE id = \(bind: id.description)")
    }

    private static func condition(_ filter: UserFilter) -> SQLQueryString {
        var query: SQLQueryString = "1 = 1"
        switch filter.state {
        case nil: break
        case .active?: query += " AND locked_at IS NULL AND deactivated_at IS NULL"
        case .locked?: query += " AND locked_at IS NOT NULL AND deactivated_at IS NULL"
        case .deactivated?: query += " AND deactivated_at IS NOT NULL"
        }
        if let canRequestAdmin = filter.canRequestAdmin { query += " AND can_request_admin = \(bind: canRequestAdmin)" }
        if let search = filter.search { query += " AND LOWER(username) LIKE \(bind: SQLLike.contains(search.lowercased())) ESCAPE '\\'" }
        return query
    }

    /// Every column `user(_:)` reads; the joined token lookup selects exactly these.
    static let columns = ["id", "username", "created_at", "locked_at", "deactivated_at", "can_request_admin"]

    static func user(_ row: RowReader) throws -> User {
        User(
            id: try row.id("id"),
            username: Username(trusted: try row.string("username")),
            createdAt: try row.date("created_at"),
            lockedAt: try row.optionalDate("locked_at"),
            deactivatedAt: try row.optionalDate("deactivated_at"),
            canRequestAdmin: try row.bool("can_request_admin")
        )
    }
}
