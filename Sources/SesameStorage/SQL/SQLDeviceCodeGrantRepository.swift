import Foundation
import SQLKit
import SesameModel

struct SQLDeviceCodeGrantRepository: DeviceCodeGrantRepository {
    let sql: any SQLDatabase

    func add(_ grant: DeviceCodeGrant, deviceCodeHash: String) async throws {
        let columns = Self.stateColumns(grant.status)
        // This table keeps only the user agent and IP seen when the device asked; there is no activity time.
        try await sql.execute("""
            INSERT INTO oauth_device_code_grants (id, client_id, scope, device_code_hash, user_code, created_at, expires_at,
                                                  last_polled_at, user_agent, ip, fulfilled_at, rejected_at, exchanged_at,
                                                  browser_session_id, oauth_session_id)
            VALUES (\(bind: grant.id.description), \(bind: grant.clientID.description), \(bind: grant.scope.description),
                    \(bind: deviceCodeHash), \(bind: grant.userCode), \(bind: grant.createdAt), \(bind: grant.expiresAt),
                    \(bind: grant.lastPolledAt), \(bind: grant.activity.userAgent), \(bind: grant.activity.lastActiveIP),
                    \(bind: columns.fulfilledAt), \(bind: columns.rejectedAt), \(bind: columns.exchangedAt),
                    \(bind: columns.browserSessionID?.description), \(bind: columns.sessionID?.description))
            """)
    }

    func find(id: DeviceCodeGrantID) async throws -> DeviceCodeGrant? {
        try await sql.fetchOne(
            "SELECT * FROM oauth_device_code_grants WHERE id = \(bind: id.description)",
            table: "oauth_device_code_grants", Self.grant
        )
    }

    func find(deviceCodeHash: String) async throws -> DeviceCodeGrant? {
        try await sql.fetchOne(
            "SELECT * FROM oauth_device_code_grants WHERE device_code_hash = \(bind: deviceCodeHash)",
            table: "oauth_device_code_grants", Self.grant
        )
    }

    func find(userCode: String) async throws -> DeviceCodeGrant? {
        try await sql.fetchOne(
            "SELECT * FROM oauth_device_code_grants WHERE user_code = \(bind: userCode)",
            table: "oauth_device_code_grants", Self.grant
        )
    }

    func fulfill(id: DeviceCodeGrantID, browserSessionID: BrowserSessionID, at date: Date) async throws -> Bool {
        try await sql.updateReturningAny("""
            UPDATE oauth_device_code_grants SET fulfilled_at = \(bind: date), browser_session_id = \(bind: browserSessionID.description)
            WHERE id = \(bind: id.description) AND \(Self.isPending)
            RETURNING id
            """)
    }

    func reject(id: DeviceCodeGrantID, browserSessionID: BrowserSessionID, at date: Date) async throws -> Bool {
        try await sql.updateReturningAny("""
            UPDATE oauth_device_code_grants SET rejected_at = \(bind: date), browser_session_id = \(bind: browserSessionID.description)
            WHERE id = \(bind: id.description) AND \(Self.isPending)
            RETURNING id
            """)
    }

    func exchange(id: DeviceCodeGrantID, sessionID: OAuthSessionID, at date: Date) async throws -> Bool {
        try await sql.updateReturningAny("""
            UPDATE oauth_device_code_grants SET exchanged_at = \(bind: date), oauth_session_id = \(bind: sessionID.description)
            WHERE id = \(bind: id.description)
              AND fulfilled_at IS NOT NULL AND rejected_at IS NULL AND exchanged_at IS NULL
            RETURNING id
            """)
    }

    func recordPoll(id: DeviceCodeGrantID, at date: Date) async throws {
        try await sql.execute("UPDATE oauth_device_code_grants SET last_polled_at = \(bind: date) WHERE id = \(bind: id.description)")
    }

    private static let isPending: SQLQueryString = "fulfilled_at IS NULL AND rejected_at IS NULL AND exchanged_at IS NULL"

    /// The nullable columns that together spell a `DeviceCodeGrantState`.
    private struct StateColumns {
        var fulfilledAt: Date?
        var rejectedAt: Date?
        var exchangedAt: Date?
        var browserSessionID: BrowserSessionID?
        var sessionID: OAuthSessionID?
    }

    private static func stateColumns(_ state: DeviceCodeGrantState) -> StateColumns {
        switch state {
        case .pending:
            StateColumns()
        case .fulfilled(let browserSessionID, let fulfilledAt):
            StateColumns(fulfilledAt: fulfilledAt, browserSessionID: browserSessionID)
        case .rejected(let browserSessionID, let rejectedAt):
            StateColumns(rejectedAt: rejectedAt, browserSessionID: browserSessionID)
        case .exchanged(let browserSessionID, let sessionID, let fulfilledAt, let exchangedAt):
            StateColumns(fulfilledAt: fulfilledAt, exchangedAt: exchangedAt, browserSessionID: browserSessionID, sessionID: sessionID)
        }
    }

    static func grant(_ row: RowReader) throws -> DeviceCodeGrant {
        DeviceCodeGrant(
            id: try row.id("id"),
            clientID: try row.id("client_id"),
            scope: try row.scope("scope"),
            userCode: try row.string("user_code"),
            createdAt: try row.date("created_at"),
            expiresAt: try row.date("expires_at"),
            lastPolledAt: try row.optionalDate("last_polled_at"),
            activity: ActivityRecord(userAgent: try row.optionalString("user_agent"), lastActiveIP: try row.optionalString("ip")),
            status: try state(row)
        )
    }

    private static func state(_ row: RowReader) throws -> DeviceCodeGrantState {
        let columns = StateColumns(
            fulfilledAt: try row.optionalDate("fulfilled_at"),
            rejectedAt: try row.optionalDate("rejected_at"),
            exchangedAt: try row.optionalDate("exchanged_at"),
            browserSessionID: try row.optionalID("browser_session_id"),
            sessionID: try row.optionalID("oauth_session_id")
        )
        switch (columns.fulfilledAt, columns.rejectedAt, columns.exchangedAt, columns.browserSessionID, columns.sessionID) {
        case (nil, nil, nil, nil, nil):
            return .pending
        case (let fulfilledAt?, nil, nil, let browserSessionID?, nil):
            return .fulfilled(browserSessionID: browserSessionID, fulfilledAt: fulfilledAt)
        case (nil, let rejectedAt?, nil, let browserSessionID?, nil):
            return .rejected(browserSessionID: browserSessionID, rejectedAt: rejectedAt)
        case (let fulfilledAt?, nil, let exchangedAt?, let browserSessionID?, let sessionID?):
            return .exchanged(browserSessionID: browserSessionID, sessionID: sessionID, fulfilledAt: fulfilledAt, exchangedAt: exchangedAt)
        default:
            throw StorageError.corruptRow(
                table: "oauth_device_code_grants", column: "fulfilled_at",
                reason: "impossible state: fulfilled_at, rejected_at, exchanged_at, browser_session_id and oauth_session_id do not describe a pending, fulfilled, rejected or exchanged grant"
            )
        }
    }
}
