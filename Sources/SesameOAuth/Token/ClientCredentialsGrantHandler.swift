import Foundation
import SesameModel
import SesameStorage

/// `grant_type=client_credentials` (RFC 6749 §4.4): a confidential client acting as itself, for
/// admin APIs and automation. The session has no user and the answer no refresh token (§4.4.3).
struct ClientCredentialsGrantHandler: Sendable {
    let services: OAuthServices

    func handle(form: FormParameters, client: OAuthClient) async -> Result<TokenResponse, OAuthError> {
        let scope: Scope
        do throws(OAuthError) {
            try checkConfidential(client)
            scope = try RequestedScope.parse(form)
            try ScopePolicy(settings: services.settings).check(scope, client: client, subject: .client)
        } catch {
            return .failure(error)
        }
        let now = services.clock.now()
        return await services.transaction { repositories in
            let session = OAuthSession(id: OAuthSessionID(date: now), clientID: client.id, userID: nil, scope: scope, createdAt: now)
            try await repositories.oauthSessions.add(session)
            let response = try await TokenResponseBuilder(services: services).respond(
                session: session, client: client, user: nil, withRefreshToken: false, authTime: nil, at: now, in: repositories
            )
            return .success(response)
        }
    }

    /// RFC 6749 §4.4: the client credentials grant is for confidential clients only.
    private func checkConfidential(_ client: OAuthClient) throws(OAuthError) {
        guard !client.isPublic else {
            throw .unauthorizedClient("public clients cannot use client_credentials; the client must authenticate with a secret or key")
        }
    }
}
