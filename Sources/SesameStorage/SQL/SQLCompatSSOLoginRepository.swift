import Foundation
import SQLKit
import SesameModel

struct SQLCompatSSOLoginRepository: CompatSSOLoginRepository {
    let sql: any SQLDatabase

    func add(_ login: CompatSSOLogin, loginTokenHash: String) async throws {
        var browserSessionID: BrowserSessionID?
        var sessionID: CompatSessionID?
        var fulfilledAt: Date?
        var exchangedAt: Date?
        switch login.status {
        case .pending: break
        case .fulfilled(let browser, let fulfilled):
            (browserSessionID, fulfilledAt) = (browser, fulfilled)
        case .exchanged(let browser, let session, let fulfilled, let exchanged):
            (browserSessionID, sessionID, fulfilledAt, exchangedAt) = (browser, session, fulfilled, exchanged)
        }
        try await sql.execute("""
            INSERT INTO compat_sso_logins (id, login_token_hash, redirect_uri, created_at, fulfilled_at, exchanged_at,
                                           browser_session_id, compat_session_id)
            VALUES (\(bind: login.id.description), \(bind: loginTokenHash), \(bind: login.redirectURI), \(bind: login.createdAt),
                    \(bind: fulfilledAt), \(bind: exchangedAt), \(bind: browserSessionID?.description), \(bind: sessionID?.description))
            """)
    }

    func find(id: CompatSSOLoginID) async throws -> CompatSSOLogin? {
        try await sql.fetchOne("SELECT * FROM compat_sso_logins WHERE id = \(bind: id.description)", table: "compat_sso_logins", Self.login)
    }

    func find(loginTokenHash: String) async throws -> CompatSSOLogin? {
        try await sql.fetchOne(
            "SELECT * FROM compat_sso_logins WHERE login_token_hash = \(bind: loginTokenHash)",
            table: "compat_sso_logins", Self.login
        )
    }

    func fulfill(id: CompatSSOLoginID, browserSessionID: BrowserSessionID, loginTokenHash: String, at date: Date) async throws -> Bool {
        try await sql.updateReturningAny("""
            UPDATE compat_sso_logins SET fulfilled_at = \(bind: date), browser_session_id = \(bind: browserSessionID.description),
                                         login_token_hash = \(bind: loginTokenHash)
            WHERE id = \(bind: id.description) AND fulfilled_at IS NULL
            RETURNING id
            """)
    }

    func exchange(id: CompatSSOLoginID, sessionID: CompatSessionID, at date: Date) async throws -> Bool {
        // The condition makes the login token single-use even when two exchanges race.
        try await sql.updateReturningAny("""
            UPDATE compat_sso_logins SET exchanged_at = \(bind: date), compat_session_id = \(bind: sessionID.description)
            WHERE id = \(bind: id.description) AND fulfilled_at IS NOT NULL AND exchanged_at IS NULL
            RETURNING id
            """)
    }

    static func login(_ row: RowReader) throws -> CompatSSOLogin {
        let status: CompatSSOLoginState
        let browserSessionID: BrowserSessionID? = try row.optionalID("browser_session_id")
        let sessionID: CompatSessionID? = try row.optionalID("compat_session_id")
        switch (browserSessionID, try row.optionalDate("fulfilled_at"), sessionID, try row.optionalDate("exchanged_at")) {
        case (let browser?, let fulfilled?, let session?, let exchanged?):
            status = .exchanged(browserSessionID: browser, sessionID: session, fulfilledAt: fulfilled, exchangedAt: exchanged)
        case (let browser?, let fulfilled?, nil, nil):
            status = .fulfilled(browserSessionID: browser, fulfilledAt: fulfilled)
        case (nil, nil, nil, nil):
            status = .pending
        default:
            throw StorageError.corruptRow(table: "compat_sso_logins", column: "fulfilled_at", reason: "inconsistent fulfilment and exchange columns")
        }
        return CompatSSOLogin(id: try row.id("id"), redirectURI: try row.string("redirect_uri"), createdAt: try row.date("created_at"), status: status)
    }
}
