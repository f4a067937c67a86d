import Foundation
import SesameModel
import SesameStorage

/// The `filter[…]` parameters of the session listings, as MAS names them: read from a call into
/// storage filters, and described for the OpenAPI document from the same list.
enum SessionListFilters {
    static let ulidArray: AdminJSON = ["type": "array", "items": AdminSchema.ulid]
    static let scopeArray: AdminJSON = ["type": "array", "items": ["type": "string", "pattern": "^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$"]]

    /// The filters every session kind takes.
    static let common: [AdminParameter] = [
        AdminParameter(name: "filter[user]", schema: AdminSchema.ulid, description: "Only this user's sessions"),
        AdminParameter(name: "filter[status]", schema: ["type": "string", "enum": ["active", "finished"]], description: "Only active or only finished sessions"),
        AdminParameter(name: "filter[created-before]", schema: AdminSchema.dateTime, description: "Only sessions created strictly before this time"),
        AdminParameter(name: "filter[created-after]", schema: AdminSchema.dateTime, description: "Only sessions created strictly after this time"),
        AdminParameter(name: "filter[last-active-before]", schema: AdminSchema.dateTime, description: "Only sessions last active strictly before this time"),
        AdminParameter(name: "filter[last-active-after]", schema: AdminSchema.dateTime, description: "Only sessions last active strictly after this time"),
    ]

    static let userSession = AdminParameter(name: "filter[user-session]", schema: AdminSchema.ulid, description: "Only sessions started from this browser session")

    static let compat: [AdminParameter] = common + [userSession]

    static let oauth: [AdminParameter] = common + [
        AdminParameter(name: "filter[client]", schema: ulidArray, description: "Only sessions of these clients (repeat for several)"),
        AdminParameter(name: "filter[client-kind]", schema: ["type": "string", "enum": ["static", "dynamic"]], description: "Only sessions of static (configured) or dynamic (registered) clients"),
        userSession,
        AdminParameter(name: "filter[scope]", schema: scopeArray, description: "Only sessions whose scope holds these tokens (repeat for several)"),
    ]

    /// The common filters of `call`; a named user, client or browser session must exist (404 otherwise).
    static func session(_ call: AdminCall, _ environment: AdminEnvironment) async throws -> SessionFilter {
        var filter = SessionFilter()
        filter.userID = try await environment.optionalFilteredUser(call)?.id
        filter.status = try call.enumFilter("filter[status]", SessionFilter.Status.self)
        filter.createdBefore = try call.dateFilter("filter[created-before]")
        filter.createdAfter = try call.dateFilter("filter[created-after]")
        filter.lastActiveBefore = try call.dateFilter("filter[last-active-before]")
        filter.lastActiveAfter = try call.dateFilter("filter[last-active-after]")
        return filter
    }

    static func browserSession(_ call: AdminCall, _ environment: AdminEnvironment) async throws -> BrowserSessionID? {
        guard let id = try call.idFilter("filter[user-session]", BrowserSessionID.self) else { return nil }
        guard try await environment.storage.read({ try await $0.browserSessions.find(id: id) }) != nil else {
            throw AdminAPIError.notFound("user session \(id) not found")
        }
        return id
    }

    static func compat(_ call: AdminCall, _ environment: AdminEnvironment) async throws -> CompatSessionFilter {
        CompatSessionFilter(session: try await session(call, environment), browserSessionID: try await browserSession(call, environment))
    }

    static func oauth(_ call: AdminCall, _ environment: AdminEnvironment) async throws -> OAuthSessionFilter {
        var clientIDs: [ClientID] = []
        for text in call.queryAll("filter[client]") {
            guard let id = ClientID(text) else { throw AdminAPIError.badRequest("filter[client] must be a client ID (a ULID)") }
            guard try await environment.storage.read({ try await $0.oauthClients.find(id: id) }) != nil else {
                throw AdminAPIError.notFound("OAuth 2.0 client \(id) not found")
            }
            clientIDs.append(id)
        }
        return OAuthSessionFilter(
            session: try await session(call, environment), clientIDs: clientIDs,
            clientKind: try call.enumFilter("filter[client-kind]", OAuthSessionFilter.ClientKind.self),
            browserSessionID: try await browserSession(call, environment), scope: try scope(call)
        )
    }

    /// `filter[scope]` values: each must be one scope token (RFC 6749 §3.3).
    static func scope(_ call: AdminCall) throws(AdminAPIError) -> [String] {
        let tokens = call.queryAll("filter[scope]")
        for token in tokens where ScopeToken(token) == nil {
            throw .badRequest("invalid scope \(token) in filter[scope]")
        }
        return tokens
    }
}
