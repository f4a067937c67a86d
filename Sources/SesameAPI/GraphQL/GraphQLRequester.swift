import Foundation
import Hummingbird
import SesameModel
import SesameOAuth

/// Who a GraphQL request acts as, decided once per request by ``GraphQLAuthorizer``.
enum GraphQLRequester: Sendable {
    /// No credentials: `viewer` is `Anonymous`, nothing private is readable.
    case anonymous
    /// A signed-in browser (the `sesame_session` cookie): that user on their own data, never an admin.
    case browser(User, BrowserSession)
    /// An access token with `urn:mas:graphql:*`: its owner (nil for client credentials), admin with `urn:mas:admin`.
    case token(ValidatedAccess, isAdmin: Bool)
    /// A personal access token (`mpt_…`) with `urn:mas:graphql:*`: its actor, admin with `urn:mas:admin`.
    case personal(ValidatedPersonalAccess, isAdmin: Bool)

    /// The user acted as, if any.
    var user: User? {
        switch self {
        case .anonymous: nil
        case .browser(let user, _): user
        case .token(let access, _): access.user
        case .personal(let access, _): access.actor
        }
    }

    /// True when admin powers apply.
    var isAdmin: Bool {
        switch self {
        case .anonymous, .browser: false
        case .token(_, let isAdmin), .personal(_, let isAdmin): isAdmin
        }
    }

    /// True when the caller may see or change `userID`'s data.
    func isOwnerOrAdmin(_ userID: UserID?) -> Bool {
        if isAdmin { return true }
        guard let userID, let user else { return false }
        return user.id == userID
    }
}

/// Decides the ``GraphQLRequester`` of a request, or refuses it.
struct GraphQLAuthorizer: Sendable {
    /// The browser session cookie's name (written by SesameWeb's `SessionCookieCodec`).
    static let cookieName = "sesame_session"

    let services: OAuthServices

    /// The part of the sealed session cookie read here; its format belongs to SesameWeb's `SessionCookie`.
    private struct SealedSessionCookie: Decodable {
        let s: String?
    }

    /// A usable browser session cookie wins; otherwise a bearer token (an OAuth access token or, as
    /// the admin API accepts, a personal access token), which must be valid and carry
    /// `urn:mas:graphql:*`; otherwise anonymous.
    func authorize(_ request: Request) async throws(GraphQLAPIError) -> GraphQLRequester {
        if let (user, session) = await browserSession(request) { return .browser(user, session) }
        guard let header = request.headers[.authorization] else { return .anonymous }
        guard let token = AuthorizationHeader.credentials(header, scheme: "Bearer") else {
            throw GraphQLAPIError("the Authorization header must be a Bearer access token")
        }
        if PersonalTokenValidator.isPersonal(token) { return try await personal(token) }
        guard let access = await AccessTokenValidator(services: services).validate(token) else {
            throw GraphQLAPIError("the access token is invalid, expired or revoked")
        }
        guard access.scope.contains(MatrixScope.masGraphQL) else {
            throw GraphQLAPIError("the access token lacks the \(MatrixScope.masGraphQL) scope")
        }
        return .token(access, isAdmin: access.scope.contains(MatrixScope.masAdmin))
    }

    /// The requester behind a personal access token, under the same scope rules as OAuth tokens.
    private func personal(_ token: String) async throws(GraphQLAPIError) -> GraphQLRequester {
        guard let access = await PersonalTokenValidator(services: services).validate(token) else {
            throw GraphQLAPIError("the access token is invalid, expired or revoked")
        }
        guard access.scope.contains(MatrixScope.masGraphQL) else {
            throw GraphQLAPIError("the access token lacks the \(MatrixScope.masGraphQL) scope")
        }
        return .personal(access, isAdmin: access.scope.contains(MatrixScope.masAdmin))
    }

    /// The active browser session and active user named by the cookie, if any.
    private func browserSession(_ request: Request) async -> (User, BrowserSession)? {
        guard let sealed = request.cookies[Self.cookieName]?.value,
              let data = try? services.secretBox.open(sealed),
              let cookie = try? JSONDecoder().decode(SealedSessionCookie.self, from: data),
              let id = cookie.s.flatMap({ BrowserSessionID($0) })
        else { return nil }
        return try? await services.storage.read { repositories -> (User, BrowserSession)? in
            guard let session = try await repositories.browserSessions.find(id: id), session.isActive,
                  let user = try await repositories.users.find(id: session.userID), user.isActive
            else { return nil }
            return (user, session)
        } ?? nil
    }
}
