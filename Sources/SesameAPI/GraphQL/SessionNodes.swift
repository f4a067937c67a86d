import Foundation
import Graphiti
import SesameModel
import SesameStorage

/// `BrowserSession`.
struct BrowserSessionNode: GraphQLNode, GraphQLViewerSession {
    let session: BrowserSession
    var id: GlobalID { GlobalID(.browserSession, session.id) }
    var createdAt: Date { session.createdAt }
    var finishedAt: Date? { session.finishedAt }
    var state: SessionState { SessionState(finishedAt: session.finishedAt) }
    var lastActiveIp: String? { session.activity.lastActiveIP }
    var lastActiveAt: Date? { session.activity.lastActiveAt }

    func user(context: GraphQLCaller, arguments: NoArguments) async throws -> UserNode {
        try await GraphQLLoad.user(session.userID, context)
    }
}

/// `Oauth2Session`.
struct OAuth2SessionNode: GraphQLNode, GraphQLViewerSession {
    let session: OAuthSession
    var id: GlobalID { GlobalID(.oauth2Session, session.id) }
    var createdAt: Date { session.createdAt }
    var finishedAt: Date? { session.finishedAt }
    var state: SessionState { SessionState(finishedAt: session.finishedAt) }
    var scope: String { session.scope.description }
    var humanName: String? { session.humanName }
    var lastActiveIp: String? { session.activity.lastActiveIP }
    var lastActiveAt: Date? { session.activity.lastActiveAt }

    func client(context: GraphQLCaller, arguments: NoArguments) async throws -> OAuth2ClientNode {
        let clientID = session.clientID
        guard let client = try await context.storage.read({ try await $0.oauthClients.find(id: clientID) }) else {
            throw GraphQLAPIError("the session's client no longer exists")
        }
        return OAuth2ClientNode(client: client)
    }

    func user(context: GraphQLCaller, arguments: NoArguments) async throws -> UserNode? {
        guard let userID = session.userID else { return nil }
        return try await GraphQLLoad.user(userID, context)
    }

    func browserSession(context: GraphQLCaller, arguments: NoArguments) async throws -> BrowserSessionNode? {
        try await GraphQLLoad.browserSession(session.browserSessionID, context)
    }
}

/// `CompatSession`.
struct CompatSessionNode: GraphQLNode {
    let session: CompatSession
    var id: GlobalID { GlobalID(.compatSession, session.id) }
    var createdAt: Date { session.createdAt }
    var finishedAt: Date? { session.finishedAt }
    var state: SessionState { SessionState(finishedAt: session.finishedAt) }
    var deviceId: String? { session.deviceID.rawValue }
    var humanName: String? { session.humanName }
    var lastActiveIp: String? { session.activity.lastActiveIP }
    var lastActiveAt: Date? { session.activity.lastActiveAt }

    func user(context: GraphQLCaller, arguments: NoArguments) async throws -> UserNode {
        try await GraphQLLoad.user(session.userID, context)
    }

    func browserSession(context: GraphQLCaller, arguments: NoArguments) async throws -> BrowserSessionNode? {
        try await GraphQLLoad.browserSession(session.browserSessionID, context)
    }
}

/// Loads of related objects shared by the node types.
enum GraphQLLoad {
    /// A related user; the caller already saw the object that names them, so no further check.
    static func user(_ id: UserID, _ context: GraphQLCaller) async throws -> UserNode {
        guard let user = try await context.storage.read({ try await $0.users.find(id: id) }) else { throw GraphQLAPIError("user not found") }
        return UserNode(user: user)
    }

    static func browserSession(_ id: BrowserSessionID?, _ context: GraphQLCaller) async throws -> BrowserSessionNode? {
        guard let id else { return nil }
        return try await context.storage.read { try await $0.browserSessions.find(id: id) }.map(BrowserSessionNode.init)
    }
}
