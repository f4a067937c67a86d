import Foundation
import Graphiti
import SesameModel
import SesameOAuth
import SesameStorage

/// `PersonalSession`: a long-lived personal access token (`mpt_…`) acting as a user. MAS offers
/// these to admins only; Sesame also lets people manage their own.
struct PersonalSessionNode: GraphQLNode {
    let session: PersonalSession
    /// The session's current token, if any (for its expiry).
    let token: PersonalAccessToken?

    var id: GlobalID { GlobalID(.personalSession, session.id) }
    var createdAt: Date { session.createdAt }
    var revokedAt: Date? { session.revokedAt }
    var state: PersonalSessionState { session.revokedAt == nil ? .active : .revoked }
    var humanName: String { session.humanName }
    var scope: String { session.scope.description }
    var expiresAt: Date? { token?.expiresAt }
    var lastActiveAt: Date? { session.activity.lastActiveAt }
    var lastActiveIp: String? { session.activity.lastActiveIP }

    /// The user the token acts as.
    func actor(context: GraphQLCaller, arguments: NoArguments) async throws -> UserNode {
        try await GraphQLLoad.user(session.actorUserID, context)
    }

    /// Loads a session with its current token.
    static func load(_ session: PersonalSession, in repositories: any Repositories) async throws -> PersonalSessionNode {
        PersonalSessionNode(session: session, token: try await repositories.personalAccessTokens.active(in: session.id))
    }
}

enum PersonalSessionState: String, Codable, CaseIterable, Sendable { case active = "ACTIVE", revoked = "REVOKED" }

struct PersonalSessionsArguments: Codable, Sendable {
    var first: Int?
    var after: String?
    var last: Int?
    var before: String?
    var state: PersonalSessionState?

    var page: PageArguments { PageArguments(first: first, after: after, last: last, before: before) }
}

struct CreatePersonalSessionInput: Codable, Sendable { let humanName: String; let scope: String; let expiresIn: Int? }
struct RevokePersonalSessionInput: Codable, Sendable { let personalSessionId: GlobalID }

enum CreatePersonalSessionStatus: String, Codable, CaseIterable, Sendable {
    case created = "CREATED", invalidName = "INVALID_NAME", invalidScope = "INVALID_SCOPE"
    case invalidExpiry = "INVALID_EXPIRY", scopeNotAllowed = "SCOPE_NOT_ALLOWED"
}
enum RevokePersonalSessionStatus: String, Codable, CaseIterable, Sendable { case revoked = "REVOKED", notFound = "NOT_FOUND" }

struct CreatePersonalSessionPayload: Sendable {
    let status: CreatePersonalSessionStatus
    /// The `mpt_` token, shown only in this answer.
    let accessToken: String?
    let personalSession: PersonalSessionNode?
}
struct RevokePersonalSessionPayload: Sendable { let status: RevokePersonalSessionStatus; let personalSession: PersonalSessionNode? }

extension UserNode {
    /// Personal sessions acting as the user, oldest first.
    func personalSessions(context: GraphQLCaller, arguments: PersonalSessionsArguments) async throws -> GraphQLConnection<PersonalSessionNode> {
        let userID = user.id
        let state = arguments.state
        let nodes = try await context.storage.read { repositories in
            var nodes: [PersonalSessionNode] = []
            for session in try await repositories.personalSessions.list(actor: userID).sorted(by: { $0.id < $1.id })
            where state == nil || (session.revokedAt == nil) == (state == .active) {
                nodes.append(try await PersonalSessionNode.load(session, in: repositories))
            }
            return nodes
        }
        return try arguments.page.paginate(nodes, kind: .personalSession) { $0.session.id.description }
    }
}

extension GraphQLResolver {
    /// A personal session acting as the caller (any, for admins).
    func personalSession(context: GraphQLCaller, arguments: IDArguments) async throws -> PersonalSessionNode? {
        guard let id = arguments.id.id(.personalSession, as: PersonalSessionID.self) else { return nil }
        return try await context.storage.read { repositories -> PersonalSessionNode? in
            guard let session = try await repositories.personalSessions.find(id: id), context.requester.isOwnerOrAdmin(session.actorUserID) else {
                return nil
            }
            return try await PersonalSessionNode.load(session, in: repositories)
        }
    }

    /// Creates a personal session acting as the caller, with its first token (shown once).
    func createPersonalSession(context: GraphQLCaller, arguments: InputArguments<CreatePersonalSessionInput>) async throws -> CreatePersonalSessionPayload {
        guard let user = context.requester.user else { throw GraphQLAPIError.unauthorized }
        let input = arguments.input
        func refused(_ status: CreatePersonalSessionStatus) -> CreatePersonalSessionPayload {
            CreatePersonalSessionPayload(status: status, accessToken: nil, personalSession: nil)
        }
        guard let scope = Scope(parsing: input.scope), !scope.isEmpty else { return refused(.invalidScope) }
        do {
            let issued = try await PersonalTokenIssuer(services: context.environment.services)
                .create(owner: .user(user.id), actor: user, name: input.humanName, scope: scope, lifetime: input.expiresIn)
            return CreatePersonalSessionPayload(
                status: .created, accessToken: issued.plaintext, personalSession: PersonalSessionNode(session: issued.session, token: issued.token)
            )
        } catch let problem as PersonalTokenProblem {
            switch problem {
            case .invalidName: return refused(.invalidName)
            case .emptyScope: return refused(.invalidScope)
            case .invalidLifetime: return refused(.invalidExpiry)
            case .adminScopeRefused, .actorInactive: return refused(.scopeNotAllowed)
            }
        }
    }

    /// Revokes a personal session acting as the caller (any, for admins) and its token.
    func revokePersonalSession(context: GraphQLCaller, arguments: InputArguments<RevokePersonalSessionInput>) async throws -> RevokePersonalSessionPayload {
        let id = arguments.input.personalSessionId
        guard let node = try await personalSession(context: context, arguments: IDArguments(id: id)) else {
            return RevokePersonalSessionPayload(status: .notFound, personalSession: nil)
        }
        if node.session.revokedAt == nil {
            try await PersonalTokenIssuer(services: context.environment.services).revoke(node.session.id)
        }
        return RevokePersonalSessionPayload(status: .revoked, personalSession: try await personalSession(context: context, arguments: IDArguments(id: id)))
    }
}
