import Foundation
import SQLKit
import SesameModel

struct SQLInactiveSessionRepository: InactiveSessionRepository {
    let sql: any SQLDatabase

    func oauthSessions(unusedSince cutoff: Date, limit: Int) async throws -> [InactiveSession<OAuthSessionID>] {
        try await inactive(in: "oauth_sessions", cutoff: cutoff, limit: limit) { OAuthSessionID($0) }
    }

    func compatSessions(unusedSince cutoff: Date, limit: Int) async throws -> [InactiveSession<CompatSessionID>] {
        try await inactive(in: "compat_sessions", cutoff: cutoff, limit: limit) { CompatSessionID($0) }
    }

    func browserSessions(unusedSince cutoff: Date, limit: Int) async throws -> [InactiveSession<BrowserSessionID>] {
        try await inactive(in: "browser_sessions", cutoff: cutoff, limit: limit) { BrowserSessionID($0) }
    }

    /// `table` is one of the three names above, never input.
    private func inactive<ID>(
        in table: String, cutoff: Date, limit: Int, id makeID: @escaping (String) -> ID?
    ) async throws -> [InactiveSession<ID>] {
        try await sql.fetchAll("""
            SELECT id, user_id FROM \(unsafeRaw: table)
            WHERE finished_at IS NULL AND user_id IS NOT NULL
              AND COALESCE(last_active_at, created_at) < \(bind: cutoff)
            ORDER BY COALESCE(last_active_at, created_at) LIMIT \(bind: limit)
            """, table: table) { row in
            let idText = try row.string("id")
            let userText = try row.string("user_id")
            guard let id = makeID(idText), let userID = UserID(userText) else {
                throw StorageError.corruptRow(table: table, column: "id", reason: "not a ULID: \(idText) / \(userText)")
            }
            return InactiveSession(id: id, userID: userID)
        }
    }
}
