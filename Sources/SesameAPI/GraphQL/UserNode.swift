import Foundation
import Graphiti
import SesameModel
import SesameStorage

/// `User`.
struct UserNode: GraphQLNode, GraphQLViewer {
    let user: User

    var id: GlobalID { GlobalID(.user, user.id) }
    var username: String { user.username.description }
    var createdAt: Date { user.createdAt }
    var lockedAt: Date? { user.lockedAt }
    var deactivatedAt: Date? { user.deactivatedAt }
    var canRequestAdmin: Bool { user.canRequestAdmin }

    /// The user as the homeserver knows them; the display name is the one set here.
    func matrix(context: GraphQLCaller, arguments: NoArguments) async throws -> MatrixUserNode {
        let displayName = try await context.accounts.displayName(of: user.id)
        return MatrixUserNode(mxid: "@\(user.username):\(context.environment.site.serverName)", displayName: displayName, deactivated: user.deactivatedAt != nil)
    }

    /// The user's email addresses.
    func emails(context: GraphQLCaller, arguments: PageArguments) async throws -> GraphQLConnection<UserEmailNode> {
        let userID = user.id
        let emails = try await context.storage.read { try await $0.emails.list(for: userID) }
        return try arguments.paginate(emails.sorted { $0.id < $1.id }.map(UserEmailNode.init), kind: .userEmail) { $0.email.id.description }
    }

    /// The user's browser sessions.
    func browserSessions(context: GraphQLCaller, arguments: SessionPageArguments) async throws -> GraphQLConnection<BrowserSessionNode> {
        let userID = user.id
        let sessions = try await context.storage.read { try await $0.browserSessions.list(for: userID, activeOnly: arguments.state == .active) }
            .filter { (arguments.state == nil || SessionState(finishedAt: $0.finishedAt) == arguments.state) && arguments.lastActive.matches($0.activity.lastActiveAt) }
        return try arguments.page.paginate(sessions.sorted { $0.id < $1.id }.map(BrowserSessionNode.init), kind: .browserSession) { $0.session.id.description }
    }

    /// The user's OAuth 2.0 sessions.
    func oauth2Sessions(context: GraphQLCaller, arguments: OAuth2SessionsArguments) async throws -> GraphQLConnection<OAuth2SessionNode> {
        let userID = user.id
        var clientID: ClientID?
        if let id = arguments.client {
            guard let parsed = id.id(.oauth2Client, as: ClientID.self) else { throw GraphQLAPIError("invalid client ID") }
            clientID = parsed
        }
        let sessions = try await context.storage.read { try await $0.oauthSessions.list(for: userID, activeOnly: arguments.state == .active) }
            .filter { session in
                (arguments.state == nil || SessionState(finishedAt: session.finishedAt) == arguments.state)
                    && (clientID == nil || session.clientID == clientID)
                    && arguments.lastActive.matches(session.activity.lastActiveAt)
            }
        return try arguments.page.paginate(sessions.sorted { $0.id < $1.id }.map(OAuth2SessionNode.init), kind: .oauth2Session) { $0.session.id.description }
    }

    /// The user's compatibility (legacy login) sessions.
    func compatSessions(context: GraphQLCaller, arguments: CompatSessionsArguments) async throws -> GraphQLConnection<CompatSessionNode> {
        let userID = user.id
        let sessions = try await context.storage.read { try await $0.compatSessions.list(for: userID, activeOnly: arguments.state == .active) }
            .filter { session in
                (arguments.state == nil || SessionState(finishedAt: session.finishedAt) == arguments.state)
                    && (arguments.type == nil || CompatSessionType(session) == arguments.type)
                    && arguments.lastActive.matches(session.activity.lastActiveAt)
            }
        return try arguments.page.paginate(sessions.sorted { $0.id < $1.id }.map(CompatSessionNode.init), kind: .compatSession) { $0.session.id.description }
    }
}
