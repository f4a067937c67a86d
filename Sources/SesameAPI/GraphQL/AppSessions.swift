import Foundation
import Graphiti
import SesameModel
import SesameStorage

/// The `AppSession` union (MAS): a session of a Matrix client, whether it logged in through
/// OAuth 2.0 or the legacy login API. Also the `Session` union `session(userId, deviceId)` returns.
protocol GraphQLAppSession: GraphQLNode {
    /// The ULID text ordering sessions of both kinds together.
    var ulid: String { get }
}

extension OAuth2SessionNode: GraphQLAppSession {
    var ulid: String { session.id.description }
}

extension CompatSessionNode: GraphQLAppSession {
    var ulid: String { session.id.description }
}

/// `appSessions` arguments, as MAS's.
struct AppSessionsArguments: Codable, Sendable {
    var first: Int?
    var after: String?
    var last: Int?
    var before: String?
    var state: SessionState?
    /// Only the session holding this device.
    var device: String?
    /// Only sessions started from this browser session.
    var browserSession: GlobalID?
    /// Only sessions last active within these bounds.
    var lastActive: DateFilter?

    var page: PageArguments { PageArguments(first: first, after: after, last: last, before: before) }
}

/// `session(userId, deviceId)` arguments.
struct SessionByDeviceArguments: Codable, Sendable {
    let userId: GlobalID
    let deviceId: String
}

extension UserNode {
    /// The user's OAuth 2.0 and compatibility sessions together, oldest first, as MAS's `appSessions`.
    func appSessions(context: GraphQLCaller, arguments: AppSessionsArguments) async throws -> GraphQLConnection<any GraphQLAppSession> {
        let userID = user.id
        let activeOnly = arguments.state == .active
        var browserSessionID: BrowserSessionID?
        if let id = arguments.browserSession {
            guard let parsed = id.id(.browserSession, as: BrowserSessionID.self) else { throw GraphQLAPIError("invalid browserSession ID") }
            browserSessionID = parsed
        }
        let device = arguments.device
        let (oauth, compat) = try await context.storage.read { repositories in
            (try await repositories.oauthSessions.list(for: userID, activeOnly: activeOnly),
             try await repositories.compatSessions.list(for: userID, activeOnly: activeOnly))
        }
        let state = arguments.state
        let lastActive = arguments.lastActive
        let oauthNodes = oauth.filter { session in
            (state == nil || SessionState(finishedAt: session.finishedAt) == state)
                && (browserSessionID == nil || session.browserSessionID == browserSessionID)
                && (device == nil || (try? MatrixScope.summarize(session.scope))?.deviceID?.rawValue == device)
                && lastActive.matches(session.activity.lastActiveAt)
        }.map { OAuth2SessionNode(session: $0) as any GraphQLAppSession }
        let compatNodes = compat.filter { session in
            (state == nil || SessionState(finishedAt: session.finishedAt) == state)
                && (browserSessionID == nil || session.browserSessionID == browserSessionID)
                && (device == nil || session.deviceID.rawValue == device)
                && lastActive.matches(session.activity.lastActiveAt)
        }.map { CompatSessionNode(session: $0) as any GraphQLAppSession }
        return try Self.paginateAppSessions((oauthNodes + compatNodes).sorted { $0.ulid < $1.ulid }, arguments.page)
    }

    /// Pages merged sessions; a cursor is the global ID of a session of either kind.
    static func paginateAppSessions(_ items: [any GraphQLAppSession], _ page: PageArguments) throws(GraphQLAPIError) -> GraphQLConnection<any GraphQLAppSession> {
        func ulid(_ cursor: String?) throws(GraphQLAPIError) -> String? {
            guard let cursor else { return nil }
            guard let parts = GlobalID(cursor).parts, parts.kind == .oauth2Session || parts.kind == .compatSession else {
                throw GraphQLAPIError("invalid cursor")
            }
            return parts.ulid
        }
        let (limit, fromEnd) = try page.window()
        let after = try ulid(page.after)
        let before = try ulid(page.before)
        let range = items.filter { item in (after.map { item.ulid > $0 } ?? true) && (before.map { item.ulid < $0 } ?? true) }
        let slice = fromEnd ? Array(range.suffix(limit)) : Array(range.prefix(limit))
        let more = range.count > slice.count
        let edges = slice.map { GraphQLEdge(cursor: $0.id.value, node: $0) }
        return GraphQLConnection(
            edges: edges,
            pageInfo: PageInfo(hasPreviousPage: fromEnd && more, hasNextPage: !fromEnd && more, startCursor: edges.first?.cursor, endCursor: edges.last?.cursor),
            totalCount: items.count
        )
    }
}

extension GraphQLResolver {
    /// The active session holding a device of a user (MAS's `session`): a compatibility session,
    /// or an OAuth session whose scope names the device. Only the owner or an admin sees it.
    func session(context: GraphQLCaller, arguments: SessionByDeviceArguments) async throws -> (any GraphQLAppSession)? {
        guard let userID = arguments.userId.id(.user, as: UserID.self), context.requester.isOwnerOrAdmin(userID),
              let deviceID = DeviceID(arguments.deviceId)
        else { return nil }
        return try await context.storage.read { repositories -> (any GraphQLAppSession)? in
            if let compat = try await repositories.compatSessions.findActive(userID: userID, deviceID: deviceID) {
                return CompatSessionNode(session: compat)
            }
            for form in [MatrixScope.Form.stable, .unstable] {
                let filter = OAuthSessionFilter(
                    session: SessionFilter(userID: userID, status: .active), scope: [MatrixScope.deviceScope(deviceID, form: form).rawValue]
                )
                if let session = try await repositories.oauthSessions.list(filter, page: PageRequest(after: nil, before: nil, limit: 1, fromEnd: true)).first {
                    return OAuth2SessionNode(session: session)
                }
            }
            return nil
        }
    }
}
