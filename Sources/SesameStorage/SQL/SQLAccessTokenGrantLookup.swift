import Foundation
import SesameModel

/// The read behind `AccessTokenRepository.findGrant`: one joined SELECT of only the columns
/// introspection's answer and validity rules use. On SQLite its row is read by position (no name
/// lookups); other drivers read it by the aliases.
enum SQLAccessTokenGrantLookup: RowMapping {
    /// The selected columns, in SELECT order: the query is built from `allCases`, so a case's raw
    /// value is its position by construction.
    enum Column: Int, CaseIterable {
        case tokenID, createdAt, expiresAt, revokedAt, firstUsedAt
        case sessionID, clientID, userID, scope, finishedAt
        case userRowID, username, lockedAt, deactivatedAt

        /// The selected column, qualified by its table's alias in the query.
        var source: String {
            switch self {
            case .tokenID: "t.id"
            case .createdAt: "t.created_at"
            case .expiresAt: "t.expires_at"
            case .revokedAt: "t.revoked_at"
            case .firstUsedAt: "t.first_used_at"
            case .sessionID: "s.id"
            case .clientID: "s.client_id"
            case .userID: "s.user_id"
            case .scope: "s.scope"
            case .finishedAt: "s.finished_at"
            case .userRowID: "u.id"
            case .username: "u.username"
            case .lockedAt: "u.locked_at"
            case .deactivatedAt: "u.deactivated_at"
            }
        }

        /// The name it is selected as: `t.id` becomes `t_id`, unique across the three tables.
        /// Looked up, not built: every read of a column passes it (for errors and other drivers).
        var alias: String { Self.aliases[rawValue] }

        private static let aliases = allCases.map { $0.source.replacingOccurrences(of: ".", with: "_") }
    }

    /// Written once; `LEFT JOIN` because a client's own session has no user.
    static let query = OneBindQuery(head: """
        SELECT \(Column.allCases.map { "\($0.source) AS \($0.alias)" }.joined(separator: ", "))
        FROM oauth_access_tokens t
        JOIN oauth_sessions s ON s.id = t.oauth_session_id
        LEFT JOIN users u ON u.id = s.user_id
        WHERE t.token_hash = 
        """)

    /// Maps the row; a malformed value is a `StorageError.corruptRow` naming its column.
    static func map<Row: ColumnReading & ~Copyable>(_ row: borrowing Row) throws -> AccessTokenGrant {
        let subject: AccessTokenGrant.Subject
        if let userID: UserID = try row.optionalID(.userID) {
            // The LEFT JOIN found no user row for the session's user.
            if try row.optionalString(.userRowID) == nil {
                subject = .missingUser
            } else {
                subject = .user(
                    id: userID, username: Username(trusted: try row.string(.username)),
                    lockedAt: try row.optionalDate(.lockedAt), deactivatedAt: try row.optionalDate(.deactivatedAt)
                )
            }
        } else {
            subject = .client
        }
        return AccessTokenGrant(
            tokenID: try row.id(.tokenID), createdAt: try row.date(.createdAt), expiresAt: try row.optionalDate(.expiresAt),
            revokedAt: try row.optionalDate(.revokedAt), firstUsedAt: try row.optionalDate(.firstUsedAt),
            sessionID: try row.id(.sessionID), sessionFinishedAt: try row.optionalDate(.finishedAt),
            clientID: try row.id(.clientID), scope: try row.scope(.scope), subject: subject
        )
    }
}

/// The grant's columns read at their positions (by alias on drivers that cannot).
private extension ColumnReading where Self: ~Copyable {
    typealias Column = SQLAccessTokenGrantLookup.Column

    func string(_ column: Column) throws -> String { try string(column.alias, at: column.rawValue) }
    func optionalString(_ column: Column) throws -> String? { try optionalString(column.alias, at: column.rawValue) }
    func date(_ column: Column) throws -> Date { try date(column.alias, at: column.rawValue) }
    func optionalDate(_ column: Column) throws -> Date? { try optionalDate(column.alias, at: column.rawValue) }
    func scope(_ column: Column) throws -> Scope { try scope(column.alias, at: column.rawValue) }
    func id<Entity>(_ column: Column) throws -> EntityID<Entity> { try id(column.alias, at: column.rawValue, as: EntityID<Entity>.self) }
    func optionalID<Entity>(_ column: Column) throws -> EntityID<Entity>? {
        try optionalID(column.alias, at: column.rawValue, as: EntityID<Entity>.self)
    }
}
