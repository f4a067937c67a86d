import Foundation
import Graphiti
import SesameCrypto
import SesameModel
import SesameOAuth
import SesameStorage

struct SetOAuth2SessionNameInput: Codable, Sendable { let oauth2SessionId: GlobalID; let humanName: String }
struct SetCompatSessionNameInput: Codable, Sendable { let compatSessionId: GlobalID; let humanName: String }
struct CreateOAuth2SessionInput: Codable, Sendable { let scope: String; let userId: GlobalID; let permanent: Bool? }

enum SetSessionNameStatus: String, Codable, CaseIterable, Sendable { case updated = "UPDATED", notFound = "NOT_FOUND", invalid = "INVALID" }

struct SetOAuth2SessionNamePayload: Sendable { let status: SetSessionNameStatus; let oauth2Session: OAuth2SessionNode? }
struct SetCompatSessionNamePayload: Sendable { let status: SetSessionNameStatus; let compatSession: CompatSessionNode? }
struct CreateOAuth2SessionPayload: Sendable { let accessToken: String; let refreshToken: String?; let oauth2Session: OAuth2SessionNode }

/// Naming sessions and, for admins, creating one (MAS's `oauth2_session.rs` and `compat_session.rs`).
extension GraphQLResolver {
    /// The longest session name accepted, in characters.
    static let maximumSessionNameLength = 255

    /// The trimmed name, nil when it is too long; an empty name clears it.
    private static func sessionName(_ text: String) -> String?? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= maximumSessionNameLength else { return .none }
        return .some(trimmed.isEmpty ? nil : trimmed)
    }

    /// Renames one of the caller's OAuth sessions (any, for admins); the device's name on the
    /// homeserver follows, as in MAS.
    func setOauth2SessionName(context: GraphQLCaller, arguments: InputArguments<SetOAuth2SessionNameInput>) async throws -> SetOAuth2SessionNamePayload {
        let input = arguments.input
        guard let node = try await oauth2Session(context: context, arguments: IDArguments(id: input.oauth2SessionId)) else {
            return SetOAuth2SessionNamePayload(status: .notFound, oauth2Session: nil)
        }
        guard case .some(let name) = Self.sessionName(input.humanName) else { return SetOAuth2SessionNamePayload(status: .invalid, oauth2Session: nil) }
        let session = node.session
        if let name, session.isActive, let userID = session.userID, let deviceID = (try? MatrixScope.summarize(session.scope))?.deviceID {
            let user = try await GraphQLLoad.user(userID, context).user
            do {
                try await context.environment.services.homeserver.updateDeviceDisplayName(localpart: user.username.rawValue, deviceID: deviceID, displayName: name)
            } catch {
                throw GraphQLAPIError("the homeserver could not rename the device; try again shortly")
            }
        }
        try await context.storage.transaction { try await $0.oauthSessions.setHumanName(id: session.id, name) }
        let renamed = try await oauth2Session(context: context, arguments: IDArguments(id: input.oauth2SessionId))
        return SetOAuth2SessionNamePayload(status: .updated, oauth2Session: renamed)
    }

    /// Renames one of the caller's compatibility sessions (any, for admins) and its device on the homeserver.
    func setCompatSessionName(context: GraphQLCaller, arguments: InputArguments<SetCompatSessionNameInput>) async throws -> SetCompatSessionNamePayload {
        let input = arguments.input
        guard let node = try await compatSession(context: context, arguments: IDArguments(id: input.compatSessionId)) else {
            return SetCompatSessionNamePayload(status: .notFound, compatSession: nil)
        }
        guard case .some(let name) = Self.sessionName(input.humanName) else { return SetCompatSessionNamePayload(status: .invalid, compatSession: nil) }
        let session = node.session
        if let name, session.isActive {
            let user = try await GraphQLLoad.user(session.userID, context).user
            do {
                try await context.environment.services.homeserver.updateDeviceDisplayName(localpart: user.username.rawValue, deviceID: session.deviceID, displayName: name)
            } catch {
                throw GraphQLAPIError("the homeserver could not rename the device; try again shortly")
            }
        }
        try await context.storage.transaction { try await $0.compatSessions.setHumanName(id: session.id, name) }
        let renamed = try await compatSession(context: context, arguments: IDArguments(id: input.compatSessionId))
        return SetCompatSessionNamePayload(status: .updated, compatSession: renamed)
    }

    /// Creates an OAuth session for any user through the admin's own client, as MAS does: the
    /// device its scope names is created on the homeserver first; a permanent session's access
    /// token never expires and comes without a refresh token.
    func createOauth2Session(context: GraphQLCaller, arguments: InputArguments<CreateOAuth2SessionInput>) async throws -> CreateOAuth2SessionPayload {
        try context.requireAdmin()
        // The session is issued through the caller's own OAuth client, which a personal token lacks.
        guard case .token(let access, _) = context.requester else {
            throw GraphQLAPIError("createOauth2Session needs an OAuth access token: the session is issued through its client")
        }
        let input = arguments.input
        guard let scope = Scope(parsing: input.scope) else { throw GraphQLAPIError("Invalid scope") }
        let summary: MatrixScope.Summary
        do {
            summary = try MatrixScope.summarize(scope)
        } catch {
            throw GraphQLAPIError("Invalid scope: \(error.description)")
        }
        guard let userID = input.userId.id(.user, as: UserID.self),
              let user = try await context.storage.read({ try await $0.users.find(id: userID) })
        else { throw GraphQLAPIError("User not found") }
        guard user.isActive else { throw GraphQLAPIError("User is locked or deactivated") }
        if let deviceID = summary.deviceID {
            let clientID = access.session.clientID
            let client = try await context.storage.read { try await $0.oauthClients.find(id: clientID) }
            do {
                try await context.environment.services.homeserver.upsertDevice(localpart: user.username.rawValue, deviceID: deviceID, displayName: client?.clientName)
            } catch {
                throw GraphQLAPIError("the homeserver could not register the device; try again shortly")
            }
        }
        let permanent = input.permanent ?? false
        let settings = context.environment.settings
        let (session, accessToken, refreshToken) = try await context.storage.transaction { repositories in
            let now = context.now
            let session = OAuthSession(id: OAuthSessionID(date: now), clientID: access.session.clientID, userID: user.id, scope: scope, createdAt: now)
            try await repositories.oauthSessions.add(session)
            if permanent {
                let token = OpaqueToken.generate(.accessToken)
                try await repositories.accessTokens.add(
                    AccessToken(id: AccessTokenID(date: now), sessionID: session.id, createdAt: now, expiresAt: nil), tokenHash: TokenHash(of: token).hex
                )
                return (session, token.value, String?.none)
            }
            let issued = try await TokenIssuer(settings: settings).issue(for: session, withRefreshToken: true, at: now, in: repositories)
            return (session, issued.accessToken.value, issued.refreshToken?.value)
        }
        return CreateOAuth2SessionPayload(accessToken: accessToken, refreshToken: refreshToken, oauth2Session: OAuth2SessionNode(session: session))
    }
}
