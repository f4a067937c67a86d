import Foundation
import SesameAccounts
import SesameModel
import SesameOAuth
import SesameStorage

/// `/user-sessions`, `/compat-sessions`, `/oauth2-sessions`: a user's sessions of each kind; list, get, finish.
struct SessionOperations {
    let environment: AdminEnvironment
    init(_ environment: AdminEnvironment) { self.environment = environment }

    private static let activity: [String: AdminJSON] = [
        "user_agent": AdminSchema.nullableString,
        "last_active_at": AdminSchema.nullableDateTime,
        "last_active_ip": AdminSchema.nullableString,
    ]

    static let schemas: [String: AdminJSON] = [
        "UserSession": AdminSchema.object(activity.merging([
            "created_at": AdminSchema.dateTime, "finished_at": AdminSchema.nullableDateTime, "user_id": AdminSchema.ulid,
        ]) { first, _ in first }),
        "CompatSession": AdminSchema.object(activity.merging([
            "user_id": AdminSchema.ulid, "device_id": AdminSchema.string, "user_session_id": AdminSchema.nullableULID,
            "redirect_uri": AdminSchema.nullableString, "created_at": AdminSchema.dateTime, "finished_at": AdminSchema.nullableDateTime,
            "human_name": AdminSchema.nullableString,
        ]) { first, _ in first }),
        "OAuth2Session": AdminSchema.object(activity.merging([
            "created_at": AdminSchema.dateTime, "finished_at": AdminSchema.nullableDateTime, "user_id": AdminSchema.nullableULID,
            "user_session_id": AdminSchema.nullableULID, "client_id": AdminSchema.ulid, "scope": AdminSchema.string,
            "human_name": AdminSchema.nullableString,
        ]) { first, _ in first }),
    ]

    private static func activity(_ record: ActivityRecord) -> [String: AdminJSON] {
        ["user_agent": .string(record.userAgent), "last_active_at": .date(record.lastActiveAt), "last_active_ip": .string(record.lastActiveIP)]
    }

    static func resource(_ session: BrowserSession) -> AdminResource {
        AdminResource(type: "user-session", id: session.id.description, attributes: .object(activity(session.activity).merging([
            "created_at": .date(session.createdAt), "finished_at": .date(session.finishedAt), "user_id": .string(session.userID.description),
        ]) { first, _ in first }), path: "/user-sessions/\(session.id)")
    }

    static func resource(_ session: CompatSession) -> AdminResource {
        AdminResource(type: "compat-session", id: session.id.description, attributes: .object(activity(session.activity).merging([
            "user_id": .string(session.userID.description), "device_id": .string(session.deviceID.rawValue),
            "user_session_id": .string(session.browserSessionID?.description), "redirect_uri": .null,
            "created_at": .date(session.createdAt), "finished_at": .date(session.finishedAt), "human_name": .string(session.humanName),
        ]) { first, _ in first }), path: "/compat-sessions/\(session.id)")
    }

    static func resource(_ session: OAuthSession) -> AdminResource {
        AdminResource(type: "oauth2-session", id: session.id.description, attributes: .object(activity(session.activity).merging([
            "created_at": .date(session.createdAt), "finished_at": .date(session.finishedAt), "user_id": .string(session.userID?.description),
            "user_session_id": .string(session.browserSessionID?.description), "client_id": .string(session.clientID.description),
            "scope": .string(session.scope.description), "human_name": .string(session.humanName),
        ]) { first, _ in first }), path: "/oauth2-sessions/\(session.id)")
    }

    /// Finishes an OAuth session and revokes its tokens; its device leaves the homeserver.
    static func endOAuthSession(_ id: OAuthSessionID, at now: Date, in repositories: any Repositories) async throws {
        try await SessionTermination.end(id, at: now, in: repositories)
    }

    /// Finishes a compat session and revokes its tokens; its device leaves the homeserver. A device
    /// sync (not a delete) is queued, so a delayed job cannot remove a device logged in again since.
    static func endCompatSession(_ id: CompatSessionID, at now: Date, in repositories: any Repositories) async throws {
        guard let session = try await repositories.compatSessions.find(id: id) else { return }
        try await CompatSessionTermination.end([id], of: session.userID, at: now, in: repositories)
    }

    var all: [AdminOperation] {
        [
            // Browser sessions.
            AdminOperation(method: .get, path: "/user-sessions", operationID: "listUserSessions", tag: "user-session",
                           summary: "List browser sessions", query: AdminSchema.pageParameters + SessionListFilters.common,
                           response: AdminSchema.list("user-session", "UserSession")) { call in
                let filter = try await SessionListFilters.session(call, environment)
                return try await AdminListing.make(call, environment, resource: Self.resource,
                                                   list: { try await $0.browserSessions.list(filter, page: $1) },
                                                   count: { try await $0.browserSessions.count(filter) })
            },
            AdminOperation(method: .get, path: "/user-sessions/{id}", operationID: "getUserSession", tag: "user-session",
                           summary: "Get a browser session", response: AdminSchema.single("user-session", "UserSession")) { call in
                Self.resource(try await findBrowser(try call.id(BrowserSessionID.self, what: "user session"))).document
            },
            AdminOperation(method: .post, path: "/user-sessions/{id}/finish", operationID: "finishUserSession", tag: "user-session",
                           summary: "End a browser session", response: AdminSchema.single("user-session", "UserSession")) { call in
                let session = try await findBrowser(try call.id(BrowserSessionID.self, what: "user session"))
                guard session.isActive else { throw AdminAPIError.badRequest("user session \(session.id) is already finished") }
                let now = environment.clock.now()
                try await environment.storage.transaction { try await $0.browserSessions.finish(id: session.id, at: now) }
                return Self.resource(try await findBrowser(session.id)).document
            },
            // Compatibility-layer sessions.
            AdminOperation(method: .get, path: "/compat-sessions", operationID: "listCompatSessions", tag: "compat-session",
                           summary: "List compatibility (legacy login) sessions", query: AdminSchema.pageParameters + SessionListFilters.compat,
                           response: AdminSchema.list("compat-session", "CompatSession")) { call in
                let filter = try await SessionListFilters.compat(call, environment)
                return try await AdminListing.make(call, environment, resource: Self.resource,
                                                   list: { try await $0.compatSessions.list(filter, page: $1) },
                                                   count: { try await $0.compatSessions.count(filter) })
            },
            AdminOperation(method: .get, path: "/compat-sessions/{id}", operationID: "getCompatSession", tag: "compat-session",
                           summary: "Get a compatibility session", response: AdminSchema.single("compat-session", "CompatSession")) { call in
                Self.resource(try await findCompat(try call.id(CompatSessionID.self, what: "compat session"))).document
            },
            AdminOperation(method: .post, path: "/compat-sessions/{id}/finish", operationID: "finishCompatSession", tag: "compat-session",
                           summary: "End a compatibility session and remove its device", response: AdminSchema.single("compat-session", "CompatSession")) { call in
                let session = try await findCompat(try call.id(CompatSessionID.self, what: "compat session"))
                guard session.isActive else { throw AdminAPIError.badRequest("compat session \(session.id) is already finished") }
                let now = environment.clock.now()
                try await environment.storage.transaction { try await Self.endCompatSession(session.id, at: now, in: $0) }
                return Self.resource(try await findCompat(session.id)).document
            },
            // OAuth 2.0 sessions.
            AdminOperation(method: .get, path: "/oauth2-sessions", operationID: "listOAuth2Sessions", tag: "oauth2-session",
                           summary: "List OAuth 2.0 sessions", query: AdminSchema.pageParameters + SessionListFilters.oauth,
                           response: AdminSchema.list("oauth2-session", "OAuth2Session")) { call in
                let filter = try await SessionListFilters.oauth(call, environment)
                return try await AdminListing.make(call, environment, resource: Self.resource,
                                                   list: { try await $0.oauthSessions.list(filter, page: $1) },
                                                   count: { try await $0.oauthSessions.count(filter) })
            },
            AdminOperation(method: .get, path: "/oauth2-sessions/{id}", operationID: "getOAuth2Session", tag: "oauth2-session",
                           summary: "Get an OAuth 2.0 session", response: AdminSchema.single("oauth2-session", "OAuth2Session")) { call in
                Self.resource(try await findOAuth(try call.id(OAuthSessionID.self, what: "OAuth 2.0 session"))).document
            },
            AdminOperation(method: .post, path: "/oauth2-sessions/{id}/finish", operationID: "finishOAuth2Session", tag: "oauth2-session",
                           summary: "End an OAuth 2.0 session and revoke its tokens", response: AdminSchema.single("oauth2-session", "OAuth2Session")) { call in
                let session = try await findOAuth(try call.id(OAuthSessionID.self, what: "OAuth 2.0 session"))
                guard session.isActive else { throw AdminAPIError.badRequest("OAuth 2.0 session \(session.id) is already finished") }
                let now = environment.clock.now()
                try await environment.storage.transaction { try await Self.endOAuthSession(session.id, at: now, in: $0) }
                return Self.resource(try await findOAuth(session.id)).document
            },
        ]
    }

    private func findBrowser(_ id: BrowserSessionID) async throws -> BrowserSession {
        guard let session = try await environment.storage.read({ try await $0.browserSessions.find(id: id) }) else {
            throw AdminAPIError.notFound("user session \(id) not found")
        }
        return session
    }

    private func findCompat(_ id: CompatSessionID) async throws -> CompatSession {
        guard let session = try await environment.storage.read({ try await $0.compatSessions.find(id: id) }) else {
            throw AdminAPIError.notFound("compat session \(id) not found")
        }
        return session
    }

    private func findOAuth(_ id: OAuthSessionID) async throws -> OAuthSession {
        guard let session = try await environment.storage.read({ try await $0.oauthSessions.find(id: id) }) else {
            throw AdminAPIError.notFound("OAuth 2.0 session \(id) not found")
        }
        return session
    }
}
