import Foundation
import SesameCrypto
import SesameModel
import SesameStorage

/// `grant_type=refresh_token` (RFC 6749 §6) with rotation on every use (RFC 9700 §4.14.2): the old
/// refresh token is consumed and points at its successor, so a replay can be recognised.
///
/// A consumed token presented again is one of two things. If its successor was never used (neither
/// refreshed nor its access token presented), the client most likely lost the response: the unused
/// pair is revoked and a fresh one issued. Otherwise the token was stolen and replayed: the whole
/// session ends.
struct RefreshTokenGrantHandler: Sendable {
    let services: OAuthServices

    func handle(form: FormParameters, client: OAuthClient) async -> Result<TokenResponse, OAuthError> {
        let presented: String, requestedScope: String?
        do throws(OAuthError) {
            presented = try form.required("refresh_token")
            requestedScope = try form.single("scope")
        } catch {
            return .failure(error)
        }
        // The checksum is checked before any database read, so forged or mistyped tokens cost nothing.
        guard (try? TokenKind.parse(presented)) == .refreshToken else {
            return .failure(.invalidGrant("the refresh token is not valid"))
        }
        let now = services.clock.now()
        let tokenHash = TokenHash(of: presented).hex
        return await services.transaction { repositories in
            // Token, session and user in one read.
            guard let found = try await repositories.refreshTokens.findWithSession(tokenHash: tokenHash)
            else { throw OAuthError.invalidGrant("the refresh token is not valid") }
            let (token, session) = (found.token, found.session)
            try checkIssuedToClient(session, client: client)
            guard session.isActive else { throw OAuthError.invalidGrant("the session this refresh token belongs to has ended") }
            guard token.revokedAt == nil else { throw OAuthError.invalidGrant("the refresh token has been revoked") }
            if session.userID != nil {
                _ = try AccountStanding.requireActive(found.user)
            }
            try checkScope(requestedScope, session: session)

            if token.consumedAt == nil {
                services.activity.record(.oauth(session.id), at: now, ip: nil)
                return .success(try await rotate(token, session: session, now: now, in: repositories))
            }
            if let response = try await retryLostResponse(token, session: session, now: now, in: repositories) {
                return .success(response)
            }
            // RFC 9700 §4.14.2: a rotated token used again after its successor was used was stolen.
            try await SessionTermination.end(session.id, at: now, in: repositories)
            return .failure(.invalidGrant("the refresh token was already used; the session has been ended to protect the account"))
        }
    }

    /// RFC 6749 §6: a refresh token is bound to the client it was issued to.
    private func checkIssuedToClient(_ session: OAuthSession, client: OAuthClient) throws(OAuthError) {
        guard session.clientID == client.id else { throw .invalidGrant("the refresh token was issued to another client") }
    }

    /// RFC 6749 §6: `scope` may narrow the grant but never widen it. Tokens carry their session's scope,
    /// so a narrower request is accepted and the answer's `scope` says what was actually granted.
    private func checkScope(_ requested: String?, session: OAuthSession) throws(OAuthError) {
        guard let requested else { return }
        guard let scope = Scope(parsing: requested) else { throw .invalidScope("the scope parameter is not a valid scope") }
        if let extra = scope.tokens.first(where: { !session.scope.contains($0) }) {
            throw .invalidScope("the scope \(extra) was not granted originally; a refresh can only keep or narrow the scope")
        }
    }

    /// The normal path: issue a new pair, consume the old token pointing at the new one, and revoke
    /// the old access token (the new one replaces it).
    private func rotate(
        _ token: RefreshToken, session: OAuthSession, now: Date, in repositories: any Repositories
    ) async throws -> TokenResponse {
        let (response, newRefreshID) = try await issue(session: session, now: now, in: repositories)
        // Conditional: of two concurrent uses of one token only one consumes it; the loser rolls back.
        guard try await repositories.refreshTokens.consume(id: token.id, next: newRefreshID, at: now) else {
            throw OAuthError.invalidGrant("the refresh token was already used")
        }
        if let accessTokenID = token.accessTokenID {
            try await repositories.accessTokens.revoke(id: accessTokenID, at: now)
        }
        return response
    }

    /// The lost-response rule: when the consumed token's successor was never used, revoke that unused
    /// pair, issue a new one and point the old token at it. Nil when the successor was used.
    private func retryLostResponse(
        _ token: RefreshToken, session: OAuthSession, now: Date, in repositories: any Repositories
    ) async throws -> TokenResponse? {
        guard let successorID = token.nextRefreshTokenID,
              let successor = try await repositories.refreshTokens.find(id: successorID), successor.isValid,
              let successorAccessID = successor.accessTokenID,
              let successorAccess = try await repositories.accessTokens.find(id: successorAccessID),
              successorAccess.firstUsedAt == nil
        else { return nil }
        guard try await repositories.refreshTokens.revoke(id: successor.id, at: now) else {
            throw OAuthError.invalidGrant("the refresh token was already used")
        }
        try await repositories.accessTokens.revoke(id: successorAccess.id, at: now)
        let (response, newRefreshID) = try await issue(session: session, now: now, in: repositories)
        guard try await repositories.refreshTokens.replaceNext(of: token.id, expected: successor.id, with: newRefreshID) else {
            throw OAuthError.invalidGrant("the refresh token was already used")
        }
        return response
    }

    private func issue(
        session: OAuthSession, now: Date, in repositories: any Repositories
    ) async throws -> (TokenResponse, RefreshTokenID) {
        // No ID token on refresh: OIDC Core §12.2 makes it optional, and the nonce must not be replayed.
        let issued = try await TokenIssuer(settings: services.settings).issue(for: session, withRefreshToken: true, at: now, in: repositories)
        guard let refresh = issued.refreshToken, let refreshID = issued.refreshTokenID else { throw OAuthError.serverError() }
        let response = TokenResponse(
            accessToken: issued.accessToken.value, expiresIn: issued.expiresIn, refreshToken: refresh.value, scope: session.scope.description
        )
        return (response, refreshID)
    }
}
