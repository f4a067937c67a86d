import Foundation
import SesameModel
import SesameStorage

/// The last step of every user grant: mint the token pair for a session and, for OpenID Connect
/// requests (`openid` in the scope), the ID token beside it (OIDC Core §3.1.3.3).
struct TokenResponseBuilder: Sendable {
    let services: OAuthServices

    /// Issues tokens for `session` inside the caller's transaction and builds the answer. `user` is
    /// nil for client-credentials sessions, which never get an ID token.
    func respond(
        session: OAuthSession, client: OAuthClient, user: User?, withRefreshToken: Bool, nonce: String? = nil,
        authTime: Date?, at now: Date, in repositories: any Repositories
    ) async throws -> TokenResponse {
        let issued = try await TokenIssuer(settings: services.settings)
            .issue(for: session, withRefreshToken: withRefreshToken, at: now, in: repositories)
        var idToken: String?
        if let user, session.scope.contains(.openID) {
            // Signed inside the transaction: if signing fails, no token pair is left issued but unsent.
            idToken = try await IDTokenIssuer(services: services).issue(
                for: user, client: client, nonce: nonce, authTime: authTime, accessToken: issued.accessToken.value, at: now
            )
        }
        return TokenResponse(
            accessToken: issued.accessToken.value, expiresIn: issued.expiresIn, refreshToken: issued.refreshToken?.value,
            scope: session.scope.description, idToken: idToken
        )
    }
}
