import Foundation
import SesameCrypto
import SesameModel
import SesameOAuth
import SesameStorage

/// `/personal-sessions`: long-lived personal access tokens (`mpt_…`) for bots and scripts. The
/// token is shown once, when the session is created or its token regenerated.
struct PersonalSessionOperations {
    let environment: AdminEnvironment
    init(_ environment: AdminEnvironment) { self.environment = environment }

    /// The longest lifetime a personal token may be given: ten years.
    static let maximumLifetime = PersonalTokenIssuer.maximumLifetime

    static let schemas: [String: AdminJSON] = [
        "PersonalSession": AdminSchema.object([
            "created_at": AdminSchema.dateTime, "revoked_at": AdminSchema.nullableDateTime,
            "owner_user_id": AdminSchema.nullableULID, "owner_client_id": AdminSchema.nullableULID,
            "actor_user_id": AdminSchema.ulid, "human_name": AdminSchema.string, "scope": AdminSchema.string,
            "last_active_at": AdminSchema.nullableDateTime, "last_active_ip": AdminSchema.nullableString,
            "expires_at": AdminSchema.nullableDateTime,
            "access_token": ["type": "string", "description": "The mpt_ token; only in the answer that created it"],
        ], optional: ["access_token"]),
    ]

    static func resource(_ session: PersonalSession, token: PersonalAccessToken?, plaintext: String? = nil) -> AdminResource {
        var attributes: [String: AdminJSON] = [
            "created_at": .date(session.createdAt), "revoked_at": .date(session.revokedAt),
            "owner_user_id": .null, "owner_client_id": .null,
            "actor_user_id": .string(session.actorUserID.description), "human_name": .string(session.humanName),
            "scope": .string(session.scope.description), "last_active_at": .date(session.activity.lastActiveAt),
            "last_active_ip": .string(session.activity.lastActiveIP), "expires_at": .date(token?.expiresAt),
        ]
        switch session.owner {
        case .user(let id): attributes["owner_user_id"] = .string(id.description)
        case .client(let id): attributes["owner_client_id"] = .string(id.description)
        }
        if let plaintext { attributes["access_token"] = .string(plaintext) }
        return AdminResource(type: "personal-session", id: session.id.description, attributes: .object(attributes), path: "/personal-sessions/\(session.id)")
    }

    private struct CreateBody: Decodable {
        let actor_user_id: String
        let human_name: String
        let scope: String
        let expires_in: Int?
    }

    private struct RegenerateBody: Decodable {
        let expires_in: Int?
    }

    var all: [AdminOperation] {
        let single = AdminSchema.single("personal-session", "PersonalSession")
        let expiresIn: AdminJSON = ["type": ["integer", "null"], "minimum": 1, "maximum": .int(Self.maximumLifetime), "description": "Seconds until the token expires; absent or null for never"]
        return [
            AdminOperation(method: .get, path: "/personal-sessions", operationID: "listPersonalSessions", tag: "personal-session",
                           summary: "List personal sessions", query: AdminSchema.pageParameters + Self.filters,
                           response: AdminSchema.list("personal-session", "PersonalSession"), run: list),
            AdminOperation(method: .post, path: "/personal-sessions", operationID: "createPersonalSession", tag: "personal-session",
                           summary: "Create a personal session acting as a user; the answer holds its mpt_ token, shown only this once",
                           requestBody: AdminSchema.object([
                               "actor_user_id": AdminSchema.ulid, "human_name": ["type": "string", "minLength": 1, "maxLength": 255],
                               "scope": AdminSchema.string, "expires_in": expiresIn,
                           ], optional: ["expires_in"]),
                           success: .created, response: single, run: create),
            AdminOperation(method: .get, path: "/personal-sessions/{id}", operationID: "getPersonalSession", tag: "personal-session",
                           summary: "Get a personal session", response: single) { call in
                let session = try await find(try call.id(PersonalSessionID.self, what: "personal session"))
                let token = try await environment.storage.read { try await $0.personalAccessTokens.active(in: session.id) }
                return Self.resource(session, token: token).document
            },
            AdminOperation(method: .post, path: "/personal-sessions/{id}/revoke", operationID: "revokePersonalSession", tag: "personal-session",
                           summary: "Revoke a personal session and its token", response: single) { call in
                let session = try await find(try call.id(PersonalSessionID.self, what: "personal session"))
                guard session.revokedAt == nil else { throw AdminAPIError.badRequest("personal session \(session.id) is already revoked") }
                let now = environment.clock.now()
                try await environment.storage.transaction { repositories in
                    try await repositories.personalSessions.revoke(id: session.id, at: now)
                    try await repositories.personalAccessTokens.revokeAll(in: session.id, at: now)
                }
                return Self.resource(try await find(session.id), token: nil).document
            },
            AdminOperation(method: .post, path: "/personal-sessions/{id}/regenerate", operationID: "regeneratePersonalSession", tag: "personal-session",
                           summary: "Replace a personal session's token; the answer holds the new mpt_ token, shown only this once",
                           requestBody: AdminSchema.object(["expires_in": expiresIn], optional: ["expires_in"]), response: single) { call in
                let session = try await find(try call.id(PersonalSessionID.self, what: "personal session"))
                let body = try call.decode(RegenerateBody.self)
                let lifetime = try Self.lifetime(body.expires_in)
                guard session.revokedAt == nil else { throw AdminAPIError.badRequest("personal session \(session.id) is revoked") }
                let (token, plaintext) = try await environment.storage.transaction { repositories in
                    let now = environment.clock.now()
                    try await repositories.personalAccessTokens.revokeAll(in: session.id, at: now)
                    return try await Self.mint(for: session.id, lifetime: lifetime, at: now, in: repositories)
                }
                return Self.resource(session, token: token, plaintext: plaintext).document
            },
        ]
    }

    static let filters: [AdminParameter] = [
        AdminParameter(name: "filter[owner_user]", schema: AdminSchema.ulid, description: "Only sessions created by this user"),
        AdminParameter(name: "filter[owner_client]", schema: AdminSchema.ulid, description: "Only sessions created by this client"),
        AdminParameter(name: "filter[actor_user]", schema: AdminSchema.ulid, description: "Only sessions acting as this user"),
        AdminParameter(name: "filter[status]", schema: ["type": "string", "enum": ["active", "revoked"]], description: "Only active or only revoked sessions"),
        AdminParameter(name: "filter[scope]", schema: SessionListFilters.scopeArray, description: "Only sessions whose scope holds these tokens (repeat for several)"),
        AdminParameter(name: "filter[expires_before]", schema: AdminSchema.dateTime, description: "Only sessions whose current access token expires before this date"),
        AdminParameter(name: "filter[expires_after]", schema: AdminSchema.dateTime, description: "Only sessions whose current access token expires after this date"),
        AdminParameter(name: "filter[expires]", schema: AdminSchema.boolean, description: "Only sessions whose current access token has an expiry (true), or has none or no current token (false)"),
    ]

    private func list(_ call: AdminCall) async throws -> AdminJSON {
        let filter = PersonalSessionFilter(
            ownerUserID: try call.idFilter("filter[owner_user]", UserID.self), ownerClientID: try call.idFilter("filter[owner_client]", ClientID.self),
            actorUserID: try call.idFilter("filter[actor_user]", UserID.self), status: try call.enumFilter("filter[status]", PersonalSessionFilter.Status.self),
            scope: try SessionListFilters.scope(call),
            expiresBefore: try call.dateFilter("filter[expires_before]"), expiresAfter: try call.dateFilter("filter[expires_after]"),
            expires: try call.booleanFilter("filter[expires]")
        )
        let page = try PageParameters(call)
        let probe = page.probe
        let (rows, more): ([(PersonalSession, PersonalAccessToken?)], Bool) = page.count == .only ? ([], false) : page.trim(
            try await environment.storage.read { repositories in
                var rows: [(PersonalSession, PersonalAccessToken?)] = []
                for session in try await repositories.personalSessions.list(filter, page: probe) {
                    rows.append((session, try await repositories.personalAccessTokens.active(in: session.id)))
                }
                return rows
            }
        )
        return try await AdminListDocument.make(call, page: page, items: rows.map { Self.resource($0.0, token: $0.1) }, more: more) {
            try await environment.storage.read { try await $0.personalSessions.count(filter) }
        }
    }

    private func create(_ call: AdminCall) async throws -> AdminJSON {
        let body = try call.decode(CreateBody.self)
        guard let actorID = UserID(body.actor_user_id) else { throw AdminAPIError.notFound("user \(body.actor_user_id) not found") }
        let actor = try await environment.requireUser(actorID)
        let owner = call.caller.owner
        // A scope that does not parse is refused like an empty one.
        let scope = Scope(parsing: body.scope) ?? []
        do {
            let issued = try await PersonalTokenIssuer(services: environment.services)
                .create(owner: owner, actor: actor, name: body.human_name, scope: scope, lifetime: body.expires_in)
            return Self.resource(issued.session, token: issued.token, plaintext: issued.plaintext).document
        } catch let problem as PersonalTokenProblem {
            throw AdminAPIError.badRequest(problem.description)
        }
    }

    private func find(_ id: PersonalSessionID) async throws -> PersonalSession {
        guard let session = try await environment.storage.read({ try await $0.personalSessions.find(id: id) }) else {
            throw AdminAPIError.notFound("personal session \(id) not found")
        }
        return session
    }

    private static func lifetime(_ seconds: Int?) throws(AdminAPIError) -> Int? {
        do {
            return try PersonalTokenIssuer.validLifetime(seconds)
        } catch {
            throw .badRequest(error.description)
        }
    }

    /// Mints a fresh `mpt_` token for the session and stores only its hash.
    private static func mint(for sessionID: PersonalSessionID, lifetime: Int?, at now: Date, in repositories: any Repositories) async throws -> (PersonalAccessToken, String) {
        try await PersonalTokenIssuer.mint(for: sessionID, lifetime: lifetime, at: now, in: repositories)
    }
}
