import SQLKit
import SesameModel

/// One read for a token row, its OAuth session and the session's user: the token endpoints and
/// introspection need all three, and three round trips cost more than the join (issue 7).
///
/// Token and session columns are selected with a prefix (`t_`, `s_`) so they cannot collide with
/// the user's columns, which keep their own names for `SQLUserRepository.user`. A client's own
/// session has no user, hence the LEFT JOIN.
enum SQLTokenSessionLookup {
    static func find<Token>(
        table: String, columns: [String], tokenHash: String, in sql: any SQLDatabase, token map: (RowReader) throws -> Token
    ) async throws -> (token: Token, session: OAuthSession, user: User?)? {
        let tokenColumns = columns.map { "t.\($0) AS t_\($0)" }.joined(separator: ", ")
        let sessionColumns = SQLOAuthSessionRepository.columns.map { "s.\($0) AS s_\($0)" }.joined(separator: ", ")
        return try await sql.fetchOne("""
            SELECT \(unsafeRaw: tokenColumns), \(unsafeRaw: sessionColumns), u.*
            FROM \(ident: table) t
            JOIN oauth_sessions s ON s.id = t.oauth_session_id
            LEFT JOIN users u ON u.id = s.user_id
            WHERE t.token_hash = \(bind: tokenHash)
            """, table: table) { row in
            let token = try map(RowReader(row.row, table: table, prefix: "t_"))
            let session = try SQLOAuthSessionRepository.session(RowReader(row.row, table: "oauth_sessions", prefix: "s_"))
            var user: User?
            if session.userID != nil, try row.optionalString("id") != nil {
                user = try SQLUserRepository.user(RowReader(row.row, table: "users"))
            }
            return (token, session, user)
        }
    }
}
