import Foundation
import SesameAccounts
import SesameModel
import SesameStorage

/// `/users`: list, look up, create, and change the state of accounts.
struct UserOperations {
    let environment: AdminEnvironment
    init(_ environment: AdminEnvironment) { self.environment = environment }

    static let schemas: [String: AdminJSON] = [
        "User": AdminSchema.object([
            "username": AdminSchema.string,
            "created_at": AdminSchema.dateTime,
            "locked_at": AdminSchema.nullableDateTime,
            "deactivated_at": AdminSchema.nullableDateTime,
            "admin": AdminSchema.boolean,
            "legacy_guest": AdminSchema.boolean,
        ]),
    ]

    static func resource(_ user: User) -> AdminResource {
        AdminResource(type: "user", id: user.id.description, attributes: [
            "username": .string(user.username.rawValue),
            "created_at": .date(user.createdAt),
            "locked_at": .date(user.lockedAt),
            "deactivated_at": .date(user.deactivatedAt),
            "admin": .bool(user.canRequestAdmin),
            "legacy_guest": false,
        ], path: "/users/\(user.id)")
    }

    private struct CreateBody: Decodable {
        let username: String
        let skip_homeserver_check: Bool?
    }

    private struct PasswordBody: Decodable {
        let password: String
        let skip_password_check: Bool?
    }

    private struct AdminBody: Decodable {
        let admin: Bool
    }

    private struct DisplayNameBody: Decodable {
        let displayname: String
    }

    var all: [AdminOperation] {
        let single = AdminSchema.single("user", "User")
        return [
            AdminOperation(
                method: .get, path: "/users", operationID: "listUsers", tag: "user", summary: "List users",
                query: AdminSchema.pageParameters + [
                    AdminParameter(name: "filter[admin]", schema: AdminSchema.boolean, description: "Only users who may (true) or may not (false) request admin scopes"),
                    AdminParameter(name: "filter[status]", schema: ["type": "string", "enum": ["active", "locked", "deactivated"]], description: "Only users in this state"),
                    AdminParameter(name: "filter[search]", schema: AdminSchema.string, description: "Only users whose username contains this text"),
                    AdminParameter(name: "filter[legacy-guest]", schema: AdminSchema.boolean, description: "Only legacy guest users (true) or only regular users (false); Sesame has no guests"),
                ],
                response: AdminSchema.list("user", "User"), run: list
            ),
            AdminOperation(method: .post, path: "/users", operationID: "createUser", tag: "user", summary: "Create a user",
                           requestBody: AdminSchema.object(["username": AdminSchema.string, "skip_homeserver_check": AdminSchema.boolean], optional: ["skip_homeserver_check"]),
                           success: .created, response: single, run: create),
            AdminOperation(method: .get, path: "/users/{id}", operationID: "getUser", tag: "user", summary: "Get a user", response: single) { call in
                Self.resource(try await environment.requireUser(try call.id(UserID.self, what: "user"))).document
            },
            AdminOperation(method: .get, path: "/users/by-username/{username}", operationID: "getUserByUsername", tag: "user",
                           summary: "Get a user by username", response: single) { call in
                let name = call.parameters["username"] ?? ""
                guard let user = try await environment.storage.read({ try await $0.users.find(username: name) }) else {
                    throw AdminAPIError.notFound("no user named \(name)")
                }
                return Self.resource(user).document
            },
            AdminOperation(method: .post, path: "/users/{id}/set-password", operationID: "setUserPassword", tag: "user", summary: "Set a user's password",
                           requestBody: AdminSchema.object(["password": AdminSchema.string, "skip_password_check": AdminSchema.boolean], optional: ["skip_password_check"]),
                           success: .noContent) { call in
                let user = try await environment.requireUser(try call.id(UserID.self, what: "user"))
                let body = try call.decode(PasswordBody.self)
                guard !body.password.isEmpty else { throw AdminAPIError.badRequest("the password is empty") }
                try await environment.accounts.setPassword(username: user.username.rawValue, password: body.password)
                return .null
            },
            AdminOperation(method: .post, path: "/users/{id}/set-admin", operationID: "setUserAdmin", tag: "user",
                           summary: "Allow or forbid a user to request admin scopes",
                           requestBody: AdminSchema.object(["admin": AdminSchema.boolean]), response: single) { call in
                let user = try await environment.requireUser(try call.id(UserID.self, what: "user"))
                let body = try call.decode(AdminBody.self)
                return Self.resource(try await environment.accounts.setCanRequestAdmin(username: user.username.rawValue, body.admin)).document
            },
            AdminOperation(method: .put, path: "/users/{id}/displayname", operationID: "setUserDisplayname", tag: "user",
                           summary: "Set a user's display name, here and on the homeserver (blank removes it)",
                           requestBody: AdminSchema.object(["displayname": AdminSchema.string]), success: .noContent) { call in
                let user = try await environment.requireUser(try call.id(UserID.self, what: "user"))
                let body = try call.decode(DisplayNameBody.self)
                do {
                    try await environment.accounts.setDisplayName(of: user.id, body.displayname)
                } catch let error as DisplayNameTooLong {
                    throw AdminAPIError.badRequest(error.description)
                }
                return .null
            },
            AdminOperation(method: .post, path: "/users/{id}/lock", operationID: "lockUser", tag: "user", summary: "Lock a user", response: single) { call in
                let user = try await environment.requireUser(try call.id(UserID.self, what: "user"))
                if user.lockedAt != nil { return Self.resource(user).document }
                return Self.resource(try await environment.accounts.setLocked(username: user.username.rawValue, true)).document
            },
            AdminOperation(method: .post, path: "/users/{id}/unlock", operationID: "unlockUser", tag: "user", summary: "Unlock a user", response: single) { call in
                let user = try await environment.requireUser(try call.id(UserID.self, what: "user"))
                if user.lockedAt == nil { return Self.resource(user).document }
                return Self.resource(try await environment.accounts.setLocked(username: user.username.rawValue, false)).document
            },
            AdminOperation(method: .post, path: "/users/{id}/kill-sessions", operationID: "killUserSessions", tag: "user",
                           summary: "End every compatibility, OAuth 2.0 and browser session of a user; their devices leave the homeserver",
                           response: single, run: killSessions),
            AdminOperation(method: .post, path: "/users/{id}/deactivate", operationID: "deactivateUser", tag: "user",
                           summary: "Deactivate a user: end every session and deactivate them on the homeserver", response: single, run: deactivate),
            AdminOperation(method: .post, path: "/users/{id}/reactivate", operationID: "reactivateUser", tag: "user",
                           summary: "Reactivate a deactivated user", response: single) { call in
                let user = try await environment.requireUser(try call.id(UserID.self, what: "user"))
                guard user.deactivatedAt != nil else { return Self.resource(user).document }
                let now = environment.clock.now()
                try await environment.storage.transaction { repositories in
                    try await repositories.users.setDeactivated(id: user.id, at: nil)
                    try await environment.enqueue(.reactivateUser(userID: user.id), at: now, in: repositories)
                }
                return Self.resource(try await environment.requireUser(user.id)).document
            },
        ]
    }

    private func list(_ call: AdminCall) async throws -> AdminJSON {
        var filter = UserFilter(canRequestAdmin: try call.booleanFilter("filter[admin]"), search: call.query("filter[search]"))
        if let status = call.query("filter[status]") {
            guard let state = UserFilter.State(rawValue: status) else { throw AdminAPIError.badRequest("filter[status] must be active, locked or deactivated") }
            filter.state = state
        }
        // Sesame never creates guest accounts, so asking for legacy guests finds nobody.
        let onlyGuests = try call.booleanFilter("filter[legacy-guest]") == true
        return try await AdminListing.make(call, environment, resource: Self.resource,
                                           list: { [filter] in onlyGuests ? [] : try await $0.users.list(filter, page: $1) },
                                           count: { [filter] in onlyGuests ? 0 : try await $0.users.count(filter) })
    }

    private func create(_ call: AdminCall) async throws -> AdminJSON {
        let body = try call.decode(CreateBody.self)
        // The homeserver learns of the user through the queued provisioning job; Sesame keeps no
        // separate list of names the homeserver reserves, so `skip_homeserver_check` changes nothing.
        let user = try await environment.accounts.register(username: body.username, password: nil, email: nil, canRequestAdmin: false)
        let now = environment.clock.now()
        try await environment.storage.transaction { try await environment.enqueue(.provisionUser(userID: user.id), at: now, in: $0) }
        return Self.resource(user).document
    }

    /// MAS's kill-sessions: the account stays usable, but every signed-in client and browser must sign in again.
    private func killSessions(_ call: AdminCall) async throws -> AdminJSON {
        let user = try await environment.requireUser(try call.id(UserID.self, what: "user"))
        let now = environment.clock.now()
        try await environment.storage.transaction { repositories in
            try await repositories.browserSessions.finishAll(for: user.id, at: now)
            for session in try await repositories.oauthSessions.list(for: user.id, activeOnly: true) {
                try await SessionOperations.endOAuthSession(session.id, at: now, in: repositories)
            }
            let compat = try await repositories.compatSessions.list(for: user.id, activeOnly: true)
            try await CompatSessionTermination.end(compat.map(\.id), of: user.id, at: now, in: repositories)
        }
        return Self.resource(user).document
    }

    private func deactivate(_ call: AdminCall) async throws -> AdminJSON {
        let user = try await environment.requireUser(try call.id(UserID.self, what: "user"))
        guard user.deactivatedAt == nil else { return Self.resource(user).document }
        let now = environment.clock.now()
        try await environment.storage.transaction { repositories in
            try await repositories.users.setDeactivated(id: user.id, at: now)
            try await repositories.browserSessions.finishAll(for: user.id, at: now)
            for session in try await repositories.oauthSessions.list(for: user.id, activeOnly: true) {
                try await SessionOperations.endOAuthSession(session.id, at: now, in: repositories)
            }
            for session in try await repositories.compatSessions.list(for: user.id, activeOnly: true) {
                try await SessionOperations.endCompatSession(session.id, at: now, in: repositories)
            }
            for session in try await repositories.personalSessions.list(actor: user.id) where session.revokedAt == nil {
                try await repositories.personalSessions.revoke(id: session.id, at: now)
                try await repositories.personalAccessTokens.revokeAll(in: session.id, at: now)
            }
            try await environment.enqueue(.deactivateUser(userID: user.id, erase: false), at: now, in: repositories)
        }
        return Self.resource(try await environment.requireUser(user.id)).document
    }
}
