import Foundation
import Graphiti
import SesameAccounts
import SesameModel
import SesameStorage

/// The root of the schema: the `Query` fields. Mutations are in `GraphQLMutations.swift` and the files beside it.
struct GraphQLResolver: Sendable {
    struct IDArguments: Codable, Sendable { let id: GlobalID }
    struct UsernameArguments: Codable, Sendable { let username: String }

    /// `users` filters, as MAS's.
    enum UserState: String, Codable, CaseIterable, Sendable {
        case active = "ACTIVE", locked = "LOCKED", deactivated = "DEACTIVATED"

        var filter: UserFilter.State {
            switch self {
            case .active: .active
            case .locked: .locked
            case .deactivated: .deactivated
            }
        }
    }

    struct UsersArguments: Codable, Sendable {
        var first: Int?
        var after: String?
        var last: Int?
        var before: String?
        var state: UserState?
        var canRequestAdmin: Bool?
    }

    func viewer(context: GraphQLCaller, arguments: NoArguments) async throws -> any GraphQLViewer {
        guard let user = context.requester.user else { return AnonymousNode() }
        return UserNode(user: user)
    }

    func viewerSession(context: GraphQLCaller, arguments: NoArguments) async throws -> any GraphQLViewerSession {
        switch context.requester {
        case .anonymous: return AnonymousNode()
        case .browser(_, let session): return BrowserSessionNode(session: session)
        case .token(let access, _): return OAuth2SessionNode(session: access.session)
        // MAS's `ViewerSession` has no member for personal sessions.
        case .personal: return AnonymousNode()
        }
    }

    func user(context: GraphQLCaller, arguments: IDArguments) async throws -> UserNode? {
        guard let id = arguments.id.id(.user, as: UserID.self) else { return nil }
        return try await context.visibleUser(id).map(UserNode.init)
    }

    func userByUsername(context: GraphQLCaller, arguments: UsernameArguments) async throws -> UserNode? {
        guard let user = try await context.storage.read({ try await $0.users.find(username: arguments.username) }),
              context.requester.isOwnerOrAdmin(user.id)
        else { return nil }
        return UserNode(user: user)
    }

    /// Every user, for admins.
    func users(context: GraphQLCaller, arguments: UsersArguments) async throws -> GraphQLConnection<UserNode> {
        try context.requireAdmin()
        let page = PageArguments(first: arguments.first, after: arguments.after, last: arguments.last, before: arguments.before)
        let (limit, fromEnd) = try page.window()
        let filter = UserFilter(state: arguments.state?.filter, canRequestAdmin: arguments.canRequestAdmin)
        let request = PageRequest(after: try PageArguments.ulid(page.after, .user), before: try PageArguments.ulid(page.before, .user), limit: limit + 1, fromEnd: fromEnd)
        let (rows, total) = try await context.storage.read { repositories in
            (limit == 0 ? [] : try await repositories.users.list(filter, page: request), try await repositories.users.count(filter))
        }
        let more = rows.count > limit
        let slice = fromEnd ? Array(rows.suffix(limit)) : Array(rows.prefix(limit))
        return PageArguments.connection(
            slice.map(UserNode.init), kind: .user, ulid: { $0.user.id.description },
            hasPrevious: fromEnd && more, hasNext: !fromEnd && more, total: total
        )
    }

    /// Any object by its global ID, when the caller may see it.
    func node(context: GraphQLCaller, arguments: IDArguments) async throws -> (any GraphQLNode)? {
        guard let parts = arguments.id.parts else { return nil }
        switch parts.kind {
        case .user:
            return try await user(context: context, arguments: arguments)
        case .userEmail:
            return try await userEmail(context: context, arguments: arguments)
        case .browserSession:
            return try await browserSession(context: context, arguments: arguments)
        case .oauth2Session:
            return try await oauth2Session(context: context, arguments: arguments)
        case .compatSession:
            return try await compatSession(context: context, arguments: arguments)
        case .oauth2Client:
            return try await oauth2Client(context: context, arguments: arguments)
        case .personalSession:
            return try await personalSession(context: context, arguments: arguments)
        case .userEmailAuthentication:
            return try await userEmailAuthentication(context: context, arguments: arguments)
        }
    }

    func userEmail(context: GraphQLCaller, arguments: IDArguments) async throws -> UserEmailNode? {
        guard let id = arguments.id.id(.userEmail, as: UserEmailID.self),
              let email = try await context.storage.read({ try await $0.emails.find(id: id) }),
              context.requester.isOwnerOrAdmin(email.userID)
        else { return nil }
        return UserEmailNode(email: email)
    }

    func browserSession(context: GraphQLCaller, arguments: IDArguments) async throws -> BrowserSessionNode? {
        guard let id = arguments.id.id(.browserSession, as: BrowserSessionID.self),
              let session = try await context.storage.read({ try await $0.browserSessions.find(id: id) }),
              context.requester.isOwnerOrAdmin(session.userID)
        else { return nil }
        return BrowserSessionNode(session: session)
    }

    func oauth2Session(context: GraphQLCaller, arguments: IDArguments) async throws -> OAuth2SessionNode? {
        guard let id = arguments.id.id(.oauth2Session, as: OAuthSessionID.self),
              let session = try await context.storage.read({ try await $0.oauthSessions.find(id: id) }),
              context.requester.isOwnerOrAdmin(session.userID)
        else { return nil }
        return OAuth2SessionNode(session: session)
    }

    func compatSession(context: GraphQLCaller, arguments: IDArguments) async throws -> CompatSessionNode? {
        guard let id = arguments.id.id(.compatSession, as: CompatSessionID.self),
              let session = try await context.storage.read({ try await $0.compatSessions.find(id: id) }),
              context.requester.isOwnerOrAdmin(session.userID)
        else { return nil }
        return CompatSessionNode(session: session)
    }

    /// Client metadata is public (it is shown on consent pages), so any caller may read it.
    func oauth2Client(context: GraphQLCaller, arguments: IDArguments) async throws -> OAuth2ClientNode? {
        guard let id = arguments.id.id(.oauth2Client, as: ClientID.self) else { return nil }
        return try await context.storage.read { try await $0.oauthClients.find(id: id) }.map(OAuth2ClientNode.init)
    }

    func siteConfig(context: GraphQLCaller, arguments: NoArguments) -> SiteConfigNode {
        SiteConfigNode(site: context.environment.site)
    }
}
