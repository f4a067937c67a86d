import Foundation
import SQLKit
import SesameModel

/// `LIKE` patterns that match their text literally (used with `ESCAPE '\'`).
enum SQLLike {
    /// A pattern matching any value containing `text`.
    static func contains(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%\(escaped)%"
    }
}

/// The `WHERE` conditions of the filtered listings, shared by their list and count queries.
enum SQLListingCondition {
    /// `AND …` conditions for a session table with `user_id`, `finished_at`, `created_at`, `last_active_at`.
    static func session(_ filter: SessionFilter) -> SQLQueryString {
        var query: SQLQueryString = ""
        if let userID = filter.userID { query += " AND user_id = \(bind: userID.description)" }
        switch filter.status {
        case nil: break
        case .active?: query += " AND finished_at IS NULL"
        case .finished?: query += " AND finished_at IS NOT NULL"
        }
        if let date = filter.createdBefore { query += " AND created_at < \(bind: date)" }
        if let date = filter.createdAfter { query += " AND created_at > \(bind: date)" }
        if let date = filter.lastActiveBefore { query += " AND last_active_at < \(bind: date)" }
        if let date = filter.lastActiveAfter { query += " AND last_active_at > \(bind: date)" }
        return query
    }

    /// `AND …` conditions requiring every scope token in the space-separated `scope` column. A
    /// case-sensitive substring test on the padded column, spelled per engine (SQLite's `LIKE`
    /// ignores case).
    static func scope(_ tokens: [String], dialect: String) -> SQLQueryString {
        var query: SQLQueryString = ""
        for token in tokens {
            let padded = " \(token) "
            query += dialect == "postgresql"
                ? " AND strpos(' ' || scope || ' ', \(bind: padded)) > 0"
                : " AND instr(' ' || scope || ' ', \(bind: padded)) > 0"
        }
        return query
    }
}

extension SQLBrowserSessionRepository {
    func list(_ filter: SessionFilter, page: PageRequest) async throws -> [BrowserSession] {
        try await sql.fetchPage(of: "browser_sessions", where: SQLListingCondition.session(filter), page: page, Self.session)
    }

    func count(_ filter: SessionFilter) async throws -> Int {
        try await sql.count(in: "browser_sessions", where: SQLListingCondition.session(filter))
    }
}

extension SQLCompatSessionRepository {
    func list(_ filter: CompatSessionFilter, page: PageRequest) async throws -> [CompatSession] {
        try await sql.fetchPage(of: "compat_sessions", where: Self.condition(filter), page: page, Self.session)
    }

    func count(_ filter: CompatSessionFilter) async throws -> Int {
        try await sql.count(in: "compat_sessions", where: Self.condition(filter))
    }

    private static func condition(_ filter: CompatSessionFilter) -> SQLQueryString {
        var query = SQLListingCondition.session(filter.session)
        if let id = filter.browserSessionID { query += " AND browser_session_id = \(bind: id.description)" }
        return query
    }
}

extension SQLOAuthSessionRepository {
    func list(_ filter: OAuthSessionFilter, page: PageRequest) async throws -> [OAuthSession] {
        try await sql.fetchPage(of: "oauth_sessions", where: condition(filter), page: page, Self.session)
    }

    func count(_ filter: OAuthSessionFilter) async throws -> Int {
        try await sql.count(in: "oauth_sessions", where: condition(filter))
    }

    private func condition(_ filter: OAuthSessionFilter) -> SQLQueryString {
        var query = SQLListingCondition.session(filter.session)
        if !filter.clientIDs.isEmpty {
            query += " AND client_id IN ("
            for (index, id) in filter.clientIDs.enumerated() { query += index == 0 ? "\(bind: id.description)" : ", \(bind: id.description)" }
            query += ")"
        }
        switch filter.clientKind {
        case nil: break
        case .static?: query += " AND client_id IN (SELECT id FROM oauth_clients WHERE is_static = \(bind: true))"
        case .dynamic?: query += " AND client_id IN (SELECT id FROM oauth_clients WHERE is_static = \(bind: false))"
        }
        if let id = filter.browserSessionID { query += " AND browser_session_id = \(bind: id.description)" }
        query += SQLListingCondition.scope(filter.scope, dialect: sql.dialect.name)
        return query
    }
}

extension SQLUserEmailRepository {
    func list(_ filter: UserEmailFilter, page: PageRequest) async throws -> [UserEmail] {
        try await sql.fetchPage(of: "user_emails", where: Self.condition(filter), page: page, Self.email)
    }

    func count(_ filter: UserEmailFilter) async throws -> Int {
        try await sql.count(in: "user_emails", where: Self.condition(filter))
    }

    private static func condition(_ filter: UserEmailFilter) -> SQLQueryString {
        var query: SQLQueryString = ""
        if let userID = filter.userID { query += " AND user_id = \(bind: userID.description)" }
        if let email = filter.email { query += " AND email_lower = \(bind: email.lowercased())" }
        return query
    }
}

extension SQLPersonalSessionRepository {
    func list(_ filter: PersonalSessionFilter, page: PageRequest) async throws -> [PersonalSession] {
        try await sql.fetchPage(of: "personal_sessions", where: condition(filter), page: page, Self.session)
    }

    func count(_ filter: PersonalSessionFilter) async throws -> Int {
        try await sql.count(in: "personal_sessions", where: condition(filter))
    }

    private func condition(_ filter: PersonalSessionFilter) -> SQLQueryString {
        var query: SQLQueryString = ""
        if let id = filter.ownerUserID { query += " AND owner_user_id = \(bind: id.description)" }
        if let id = filter.ownerClientID { query += " AND owner_client_id = \(bind: id.description)" }
        if let id = filter.actorUserID { query += " AND actor_user_id = \(bind: id.description)" }
        switch filter.status {
        case nil: break
        case .active?: query += " AND revoked_at IS NULL"
        case .revoked?: query += " AND revoked_at IS NOT NULL"
        }
        query += SQLListingCondition.scope(filter.scope, dialect: sql.dialect.name)
        // The expiry filters look at the session's current (unrevoked) token, as MAS's join does.
        let current: SQLQueryString = "SELECT personal_session_id FROM personal_access_tokens WHERE revoked_at IS NULL"
        if let date = filter.expiresBefore { query += " AND id IN (" + current + " AND expires_at < \(bind: date))" }
        if let date = filter.expiresAfter { query += " AND id IN (" + current + " AND expires_at > \(bind: date))" }
        if let expires = filter.expires {
            query += (expires ? " AND id IN (" : " AND id NOT IN (") + current + " AND expires_at IS NOT NULL)"
        }
        return query
    }
}

extension SQLRegistrationTokenRepository {
    func list(_ filter: RegistrationTokenFilter, page: PageRequest) async throws -> [RegistrationToken] {
        try await sql.fetchPage(of: "registration_tokens", where: Self.condition(filter), page: page, Self.token)
    }

    func count(_ filter: RegistrationTokenFilter) async throws -> Int {
        try await sql.count(in: "registration_tokens", where: Self.condition(filter))
    }

    /// The same tests as `RegistrationToken.isUsable(at:)`, as SQL.
    private static func condition(_ filter: RegistrationTokenFilter) -> SQLQueryString {
        let now = filter.now
        var query: SQLQueryString = ""
        if let used = filter.used { query += used ? " AND times_used > 0" : " AND times_used = 0" }
        if let revoked = filter.revoked { query += revoked ? " AND revoked_at IS NOT NULL" : " AND revoked_at IS NULL" }
        if let expired = filter.expired {
            query += expired ? " AND expires_at IS NOT NULL AND expires_at <= \(bind: now)" : " AND (expires_at IS NULL OR expires_at > \(bind: now))"
        }
        if let valid = filter.valid {
            let usable: SQLQueryString = "revoked_at IS NULL AND (expires_at IS NULL OR expires_at > \(bind: now)) AND (usage_limit IS NULL OR times_used < usage_limit)"
            query += valid ? " AND " + usable : " AND NOT (" + usable + ")"
        }
        return query
    }
}
