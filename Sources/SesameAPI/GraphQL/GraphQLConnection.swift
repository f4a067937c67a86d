import Foundation
import SesameModel
import Graphiti

/// An edge of a Relay connection; its cursor is the node's global ID, as in MAS.
struct GraphQLEdge<Node: Sendable>: Sendable {
    let cursor: String
    let node: Node
}

/// A Relay connection as MAS shapes them: `edges`, `nodes`, `pageInfo`, `totalCount`.
struct GraphQLConnection<Node: Sendable>: Sendable {
    let edges: [GraphQLEdge<Node>]
    let pageInfo: PageInfo
    let totalCount: Int

    var nodes: [Node] { edges.map(\.node) }
}

/// `first`/`after`/`last`/`before`, as every connection field takes them.
struct PageArguments: Codable, Sendable {
    var first: Int?
    var after: String?
    var last: Int?
    var before: String?

    /// The most rows one page may hold.
    static let maximum = 100

    /// The page size and direction; both `first` and `last`, negative or oversized counts are errors.
    func window() throws(GraphQLAPIError) -> (limit: Int, fromEnd: Bool) {
        if first != nil, last != nil { throw GraphQLAPIError("pass either first or last, not both") }
        let count = first ?? last ?? Self.maximum
        guard (0...Self.maximum).contains(count) else { throw GraphQLAPIError("first and last must be between 0 and \(Self.maximum)") }
        return (count, last != nil)
    }

    /// The ULID text of a cursor (a global ID of `kind`), or an error.
    static func ulid(_ cursor: String?, _ kind: GlobalID.Kind) throws(GraphQLAPIError) -> String? {
        guard let cursor else { return nil }
        guard let parts = GlobalID(cursor).parts, parts.kind == kind else { throw GraphQLAPIError("invalid cursor") }
        return parts.ulid
    }

    /// Pages `items` (sorted by ULID ascending) in memory.
    func paginate<Node: Sendable>(_ items: [Node], kind: GlobalID.Kind, ulid: (Node) -> String) throws(GraphQLAPIError) -> GraphQLConnection<Node> {
        let (limit, fromEnd) = try window()
        let after = try Self.ulid(self.after, kind)
        let before = try Self.ulid(self.before, kind)
        let range = items.filter { item in
            let id = ulid(item)
            return (after.map { id > $0 } ?? true) && (before.map { id < $0 } ?? true)
        }
        let slice = fromEnd ? Array(range.suffix(limit)) : Array(range.prefix(limit))
        let more = range.count > slice.count
        return Self.connection(slice, kind: kind, ulid: ulid, hasPrevious: fromEnd && more, hasNext: !fromEnd && more, total: items.count)
    }

    /// A connection over one already-sliced page.
    static func connection<Node: Sendable>(
        _ page: [Node], kind: GlobalID.Kind, ulid: (Node) -> String, hasPrevious: Bool, hasNext: Bool, total: Int
    ) -> GraphQLConnection<Node> {
        let edges = page.map { GraphQLEdge(cursor: GlobalID(kind, ulid($0)).value, node: $0) }
        return GraphQLConnection(
            edges: edges,
            pageInfo: PageInfo(hasPreviousPage: hasPrevious, hasNextPage: hasNext, startCursor: edges.first?.cursor, endCursor: edges.last?.cursor),
            totalCount: total
        )
    }
}

/// Session listings filter by `state`, as MAS's do.
enum SessionState: String, Codable, CaseIterable, Sendable {
    case active = "ACTIVE"
    case finished = "FINISHED"

    init(finishedAt: Date?) { self = finishedAt == nil ? .active : .finished }
}

/// A connection field's arguments with a session-state filter.
struct SessionPageArguments: Codable, Sendable {
    var first: Int?
    var after: String?
    var last: Int?
    var before: String?
    var state: SessionState?
    /// Only sessions last active within these bounds (MAS's `lastActive`).
    var lastActive: DateFilter?

    var page: PageArguments { PageArguments(first: first, after: after, last: last, before: before) }
}

/// `oauth2Sessions` arguments, as MAS's: the session arguments and the client.
struct OAuth2SessionsArguments: Codable, Sendable {
    var first: Int?
    var after: String?
    var last: Int?
    var before: String?
    var state: SessionState?
    /// Only sessions last active within these bounds.
    var lastActive: DateFilter?
    /// Only sessions of this client (an `Oauth2Client` ID).
    var client: GlobalID?

    var page: PageArguments { PageArguments(first: first, after: after, last: last, before: before) }
}

/// How a compatibility session began, as MAS's `CompatSessionType`.
enum CompatSessionType: String, Codable, CaseIterable, Sendable {
    case ssoLogin = "SSO_LOGIN", unknown = "UNKNOWN"

    /// Only an SSO login (`m.login.sso` then `m.login.token`) ties a compatibility session to a browser session.
    init(_ session: CompatSession) { self = session.browserSessionID == nil ? .unknown : .ssoLogin }
}

/// `compatSessions` arguments, as MAS's: the session arguments and the session type.
struct CompatSessionsArguments: Codable, Sendable {
    var first: Int?
    var after: String?
    var last: Int?
    var before: String?
    var state: SessionState?
    var type: CompatSessionType?
    /// Only sessions last active within these bounds.
    var lastActive: DateFilter?

    var page: PageArguments { PageArguments(first: first, after: after, last: last, before: before) }
}
