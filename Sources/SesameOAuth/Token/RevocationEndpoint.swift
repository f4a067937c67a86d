import Foundation
import SesameCrypto
import SesameModel
import SesameStorage

/// The revocation endpoint (RFC 7009, `/oauth2/revoke`): a client gives up a token it holds.
/// Revoking either token of an OAuth session ends the whole session (§2.1 allows it, and a client
/// signing out means all of it).
///
/// Compatibility (`mct_`, `mcr_`) and personal (`mpt_`) tokens are not revocable here: they belong to
/// no OAuth client. The answer is success with no effect; they end through Matrix `/logout` and the
/// account or admin pages.
public struct RevocationEndpoint: Sendable {
    let services: OAuthServices

    /// Creates the endpoint.
    public init(services: OAuthServices) { self.services = services }

    /// Authenticates the client and revokes `token` if it is one of the client's OAuth tokens.
    public func handle(form: FormParameters, credentials: ClientCredentials) async -> Result<RevocationOutcome, OAuthError> {
        let client: OAuthClient, token: String
        do throws(OAuthError) {
            client = try await ClientAuthenticator(services: services).authenticate(credentials, audience: services.settings.url("oauth2/revoke"))
            token = try form.required("token")
            // RFC 7009 §2.1: `token_type_hint` only speeds up the lookup; the prefix already says the kind.
            _ = try form.single("token_type_hint")
        } catch {
            return .failure(error)
        }
        // RFC 7009 §2.2: an invalid token is not an error; the checksum is checked before any database read.
        guard let kind = try? TokenKind.parse(token) else { return .success(.nothing) }
        let tokenHash = TokenHash(of: token).hex
        let now = services.clock.now()
        return await services.transaction { repositories in
            let sessionID: OAuthSessionID?
            switch kind {
            case .accessToken: sessionID = try await repositories.accessTokens.find(tokenHash: tokenHash)?.sessionID
            case .refreshToken: sessionID = try await repositories.refreshTokens.find(tokenHash: tokenHash)?.sessionID
            case .compatAccessToken, .compatRefreshToken, .personalAccessToken: sessionID = nil
            }
            guard let sessionID, let session = try await repositories.oauthSessions.find(id: sessionID) else { return .success(.nothing) }
            try checkOwnedBy(session, client: client)
            guard session.isActive else { return .success(.nothing) }
            try await SessionTermination.end(session.id, at: now, in: repositories)
            return .success(.endedSession(session))
        }
    }

    /// RFC 7009 §2.1: a client may only revoke tokens issued to it.
    private func checkOwnedBy(_ session: OAuthSession, client: OAuthClient) throws(OAuthError) {
        guard session.clientID == client.id else { throw .unauthorizedClient("this token was issued to another client") }
    }
}
