import Foundation
import SQLKit
import SesameModel

struct SQLConsentRepository: ConsentRepository {
    let sql: any SQLDatabase

    func grantedScope(userID: UserID, clientID: ClientID) async throws -> Scope {
        let tokens = try await sql.fetchAll("""
            SELECT scope_token FROM oauth_consents
            WHERE user_id = \(bind: userID.description) AND client_id = \(bind: clientID.description)
            """, table: "oauth_consents") { row -> ScopeToken in
            let text = try row.string("scope_token")
            guard let token = ScopeToken(text) else {
                throw StorageError.corruptRow(table: "oauth_consents", column: "scope_token", reason: "not a scope token: \(text)")
            }
            return token
        }
        return Scope(tokens)
    }

    func grant(userID: UserID, clientID: ClientID, scope: Scope, at date: Date) async throws {
        for token in scope.tokens {
            // ON CONFLICT DO NOTHING is understood by both SQLite and PostgreSQL.
            try await sql.execute("""
                INSERT INTO oauth_consents (id, user_id, client_id, scope_token, created_at)
                VALUES (\(bind: EntityID<Scope>(date: date).description), \(bind: userID.description),
                        \(bind: clientID.description), \(bind: token.rawValue), \(bind: date))
                ON CONFLICT (user_id, client_id, scope_token) DO NOTHING
                """)
        }
    }

    func revokeAll(userID: UserID, clientID: ClientID) async throws {
        try await sql.execute("""
            DELETE FROM oauth_consents WHERE user_id = \(bind: userID.description) AND client_id = \(bind: clientID.description)
            """)
    }
}
