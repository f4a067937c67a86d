import Foundation
import SQLKit
import SesameModel

struct SQLAuthorizationGrantRepository: AuthorizationGrantRepository {
    let sql: any SQLDatabase

    /// The columns that are all NULL while a grant waits for the user.
    private static let isPending: SQLQueryString =
        "fulfilled_at IS NULL AND exchanged_at IS NULL AND cancelled_at IS NULL AND oauth_session_id IS NULL"

    func add(_ grant: AuthorizationGrant, codeHash: String?) async throws {
        let columns = StatusColumns(grant.status)
        try await sql.execute("""
            INSERT INTO oauth_authorization_grants (
                id, client_id, redirect_uri, scope, state, nonce, response_mode, code_challenge, max_age, login_hint,
                requires_consent, prompt, code_hash, created_at, fulfilled_at, exchanged_at, cancelled_at, oauth_session_id,
                expected_subject
            ) VALUES (
                \(bind: grant.id.description), \(bind: grant.clientID.description), \(bind: grant.redirectURI),
                \(bind: grant.scope.description), \(bind: grant.state), \(bind: grant.nonce), \(bind: grant.responseMode.rawValue),
                \(bind: grant.pkce?.challenge), \(bind: grant.maxAge), \(bind: grant.loginHint), \(bind: grant.requiresConsent),
                \(bind: grant.prompt.isEmpty ? nil : grant.prompt.map(\.rawValue).sorted().joined(separator: " ")),
                \(bind: codeHash), \(bind: grant.createdAt), \(bind: columns.fulfilledAt), \(bind: columns.exchangedAt),
                \(bind: columns.cancelledAt), \(bind: columns.sessionID), \(bind: grant.expectedSubject)
            )
            """)
    }

    func find(id: AuthorizationGrantID) async throws -> AuthorizationGrant? {
        try await sql.fetchOne(
            "SELECT * FROM oauth_authorization_grants WHERE id = \(bind: id.description)",
            table: "oauth_authorization_grants", Self.grant
        )
    }

    func find(codeHash: String) async throws -> AuthorizationGrant? {
        try await sql.fetchOne(
            "SELECT * FROM oauth_authorization_grants WHERE code_hash = \(bind: codeHash)",
            table: "oauth_authorization_grants", Self.grant
        )
    }

    func fulfill(id: AuthorizationGrantID, sessionID: OAuthSessionID, codeHash: String?, at date: Date) async throws -> Bool {
        try await sql.updateReturningAny("""
            UPDATE oauth_authorization_grants
            SET fulfilled_at = \(bind: date), oauth_session_id = \(bind: sessionID.description),
                code_hash = COALESCE(\(bind: codeHash), code_hash)
            WHERE id = \(bind: id.description) AND \(Self.isPending)
            RETURNING id
            """)
    }

    func exchange(id: AuthorizationGrantID, at date: Date) async throws -> Bool {
        // RFC 6749 §4.1.2: a code is used once. One conditional UPDATE, so of two concurrent
        // exchanges only one matches the row.
        try await sql.updateReturningAny("""
            UPDATE oauth_authorization_grants SET exchanged_at = \(bind: date)
            WHERE id = \(bind: id.description)
              AND fulfilled_at IS NOT NULL AND exchanged_at IS NULL AND cancelled_at IS NULL
            RETURNING id
            """)
    }

    func cancel(id: AuthorizationGrantID, at date: Date) async throws {
        // Only a grant still waiting for the user can be abandoned; an approved or used one keeps its state.
        try await sql.execute("""
            UPDATE oauth_authorization_grants SET cancelled_at = \(bind: date)
            WHERE id = \(bind: id.description) AND \(Self.isPending)
            """)
    }

    static func prompt(_ row: RowReader) throws -> Set<AuthorizationPrompt> {
        guard let text = try row.optionalString("prompt") else { return [] }
        var prompts = Set<AuthorizationPrompt>()
        for word in text.split(separator: " ") {
            guard let prompt = AuthorizationPrompt(rawValue: String(word)) else {
                throw StorageError.corruptRow(table: "oauth_authorization_grants", column: "prompt", reason: "unknown prompt \(word)")
            }
            prompts.insert(prompt)
        }
        return prompts
    }

    static func grant(_ row: RowReader) throws -> AuthorizationGrant {
        AuthorizationGrant(
            id: try row.id("id"),
            clientID: try row.id("client_id"),
            redirectURI: try row.string("redirect_uri"),
            scope: try row.scope("scope"),
            state: try row.optionalString("state"),
            nonce: try row.optionalString("nonce"),
            responseMode: try row.enumeration("response_mode"),
            pkce: try row.optionalString("code_challenge").map(PKCEChallenge.init(challenge:)),
            maxAge: try row.optionalInt("max_age"),
            loginHint: try row.optionalString("login_hint"),
            requiresConsent: try row.bool("requires_consent"),
            prompt: try Self.prompt(row),
            createdAt: try row.date("created_at"),
            status: try status(row),
            expectedSubject: try row.optionalString("expected_subject")
        )
    }

    /// Rebuilds the state from its columns; any other combination cannot have been written by this code.
    private static func status(_ row: RowReader) throws -> AuthorizationGrantState {
        let fulfilledAt = try row.optionalDate("fulfilled_at")
        let exchangedAt = try row.optionalDate("exchanged_at")
        let cancelledAt = try row.optionalDate("cancelled_at")
        let sessionID: OAuthSessionID? = try row.optionalID("oauth_session_id")
        switch (fulfilledAt, exchangedAt, cancelledAt, sessionID) {
        case (nil, nil, nil, nil):
            return .pending
        case (let fulfilledAt?, nil, nil, let sessionID?):
            return .fulfilled(sessionID: sessionID, fulfilledAt: fulfilledAt)
        case (let fulfilledAt?, let exchangedAt?, nil, let sessionID?):
            return .exchanged(sessionID: sessionID, fulfilledAt: fulfilledAt, exchangedAt: exchangedAt)
        case (nil, nil, let cancelledAt?, nil):
            return .cancelled(cancelledAt: cancelledAt)
        default:
            // Names which columns are set, e.g. "fulfilled_at, cancelled_at", so an operator can find the row's problem.
            let set = [("fulfilled_at", fulfilledAt != nil), ("exchanged_at", exchangedAt != nil),
                       ("cancelled_at", cancelledAt != nil), ("oauth_session_id", sessionID != nil)]
                .filter { $0.1 }.map { $0.0 }.joined(separator: ", ")
            throw StorageError.corruptRow(table: row.table, column: "fulfilled_at", reason: "no grant state has exactly these columns set: \(set)")
        }
    }

    /// The columns a grant's state is stored in.
    private struct StatusColumns {
        var fulfilledAt: Date?
        var exchangedAt: Date?
        var cancelledAt: Date?
        var sessionID: String?

        init(_ status: AuthorizationGrantState) {
            switch status {
            case .pending:
                break
            case .fulfilled(let sessionID, let fulfilledAt):
                self.sessionID = sessionID.description
                self.fulfilledAt = fulfilledAt
            case .exchanged(let sessionID, let fulfilledAt, let exchangedAt):
                self.sessionID = sessionID.description
                self.fulfilledAt = fulfilledAt
                self.exchangedAt = exchangedAt
            case .cancelled(let cancelledAt):
                self.cancelledAt = cancelledAt
            }
        }
    }
}
