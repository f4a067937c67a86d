import SQLKit
import SesameModel

/// One read for a token row, its OAuth session and the session's user: the token endpoints and
/// introspection need all three, and three round trips cost more than the join (issue 7).
///
/// Each table's columns are selected with a prefix (`t_`, `s_`, `u_`) so they cannot collide, and
/// only the columns the mappers read. A client's own session has no user, hence the LEFT JOIN.
enum SQLTokenSessionLookup {
    /// The joined SELECT for one token table, written once: building its column lists on every
    /// lookup showed in introspection's profile (issue 7). `table` is always a literal name.
    struct Query: Sendable {
        let table: String
        fileprivate let selectWhereHashIs: OneBindQuery

        init(table: String, columns: [String]) {
            self.table = table
            let tokenColumns = columns.map { "t.\($0) AS t_\($0)" }.joined(separator: ", ")
            let sessionColumns = SQLOAuthSessionRepository.columns.map { "s.\($0) AS s_\($0)" }.joined(separator: ", ")
            let userColumns = SQLUserRepository.columns.map { "u.\($0) AS u_\($0)" }.joined(separator: ", ")
            self.selectWhereHashIs = OneBindQuery(head: """
                SELECT \(tokenColumns), \(sessionColumns), \(userColumns)
                FROM \(table) t
                JOIN oauth_sessions s ON s.id = t.oauth_session_id
                LEFT JOIN users u ON u.id = s.user_id
                WHERE t.token_hash = 
                """)
        }
    }

    static func find<Token>(
        _ query: Query, tokenHash: String, in sql: any SQLDatabase, token map: (RowReader) throws -> Token
    ) async throws -> (token: Token, session: OAuthSession, user: User?)? {
        try await sql.fetchOne(query.selectWhereHashIs, binding: tokenHash, table: query.table) { row in
            let token = try map(row.part(table: query.table, prefix: "t_"))
            let session = try SQLOAuthSessionRepository.session(row.part(table: "oauth_sessions", prefix: "s_"))
            var user: User?
            if session.userID != nil, try row.optionalString("u_id") != nil {
                user = try SQLUserRepository.user(row.part(table: "users", prefix: "u_"))
            }
            return (token, session, user)
        }
    }
}
