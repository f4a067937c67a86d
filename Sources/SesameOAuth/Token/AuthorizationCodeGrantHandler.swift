import Foundation
import SesameCrypto
import SesameModel
import SesameStorage

/// `grant_type=authorization_code` (RFC 6749 §4.1.3, RFC 7636 §4.5–4.6): exchanges a code the user
/// approved for tokens of the session the approval created.
struct AuthorizationCodeGrantHandler: Sendable {
    let services: OAuthServices

    func handle(form: FormParameters, client: OAuthClient) async -> Result<TokenResponse, OAuthError> {
        let code: String, redirectURI: String, verifier: String?
        do throws(OAuthError) {
            code = try form.required("code")
            redirectURI = try form.required("redirect_uri")
            verifier = try form.single("code_verifier")
        } catch {
            return .failure(error)
        }
        let now = services.clock.now()
        let codeHash = TokenHash(of: code).hex
        if let refusal = await registerDevice(codeHash: codeHash, client: client) { return .failure(refusal) }
        return await services.transaction { repositories in
            guard let grant = try await repositories.authorizationGrants.find(codeHash: codeHash) else {
                throw OAuthError.invalidGrant("the authorization code is not valid")
            }
            let sessionID: OAuthSessionID, fulfilledAt: Date
            switch grant.status {
            case .exchanged(let usedSessionID, _, _):
                // RFC 6749 §4.1.2: a code used twice was stolen; revoke what the first use got.
                try await SessionTermination.end(usedSessionID, at: now, in: repositories)
                return .failure(.invalidGrant("the authorization code was already used; the tokens issued for it have been revoked"))
            case .pending, .cancelled:
                throw OAuthError.invalidGrant("the authorization code is not valid")
            case .fulfilled(let approvedSessionID, let approvedAt):
                sessionID = approvedSessionID
                fulfilledAt = approvedAt
            }
            try checkIssuedToClient(grant, client: client)
            try checkNotExpired(fulfilledAt: fulfilledAt, now: now)
            try checkRedirectURI(redirectURI, grant: grant)
            try checkPKCE(verifier: verifier, grant: grant)

            guard let session = try await repositories.oauthSessions.find(id: sessionID), session.isActive else {
                throw OAuthError.invalidGrant("the session this code was issued for has ended")
            }
            let user = try AccountStanding.requireActive(try await session.userID.asyncFlatMap { try await repositories.users.find(id: $0) })

            // One conditional write: of two concurrent uses of this code only one gets here with `true`.
            guard try await repositories.authorizationGrants.exchange(id: grant.id, at: now) else {
                try await SessionTermination.end(sessionID, at: now, in: repositories)
                return .failure(.invalidGrant("the authorization code was already used; the tokens issued for it have been revoked"))
            }
            let response = try await TokenResponseBuilder(services: services).respond(
                session: session, client: client, user: user, withRefreshToken: client.grantTypes.contains(.refreshToken),
                nonce: grant.nonce, authTime: try await IDTokenIssuer.authTime(of: session, in: repositories), at: now, in: repositories
            )
            return .success(response)
        }
    }

    /// Creates the device the approved session names on the homeserver before the exchange; the
    /// transaction below still checks everything about the code.
    private func registerDevice(codeHash: String, client: OAuthClient) async -> OAuthError? {
        let found = try? await services.storage.read { repositories -> (OAuthSession, User)? in
            guard let grant = try await repositories.authorizationGrants.find(codeHash: codeHash), grant.clientID == client.id,
                  case .fulfilled(let sessionID, _) = grant.status,
                  let session = try await repositories.oauthSessions.find(id: sessionID), session.isActive,
                  let userID = session.userID, let user = try await repositories.users.find(id: userID), user.isActive
            else { return nil }
            return (session, user)
        }
        guard let (session, user) = found ?? nil else { return nil }
        return await DeviceRegistration(services: services).ensureDevice(for: session.scope, user: user, client: client)
    }

    /// RFC 6749 §4.1.3: the code must have been issued to the authenticated client.
    private func checkIssuedToClient(_ grant: AuthorizationGrant, client: OAuthClient) throws(OAuthError) {
        guard grant.clientID == client.id else { throw .invalidGrant("the authorization code was issued to another client") }
    }

    /// RFC 6749 §4.1.2: codes are short-lived (ten minutes at most is recommended).
    private func checkNotExpired(fulfilledAt: Date, now: Date) throws(OAuthError) {
        guard now <= fulfilledAt.addingTimeInterval(services.settings.authorizationCodeLifetime) else {
            throw .invalidGrant("the authorization code has expired")
        }
    }

    /// RFC 6749 §4.1.3: `redirect_uri` must be identical to the one in the authorization request.
    private func checkRedirectURI(_ redirectURI: String, grant: AuthorizationGrant) throws(OAuthError) {
        guard redirectURI == grant.redirectURI else {
            throw .invalidGrant("redirect_uri does not match the one used in the authorization request")
        }
    }

    /// RFC 7636 §4.6: the verifier must hash to the challenge; RFC 9700 §2.1.1: a verifier without a
    /// challenge is refused, so an attacker cannot strip PKCE from a request (downgrade).
    private func checkPKCE(verifier: String?, grant: AuthorizationGrant) throws(OAuthError) {
        switch (grant.pkce, verifier) {
        case (nil, nil):
            return
        case (nil, .some):
            throw .invalidGrant("code_verifier was sent but the authorization request had no code_challenge")
        case (.some, nil):
            throw .invalidGrant("the authorization request used PKCE, so code_verifier is required")
        case (let challenge?, let verifier?):
            guard PKCE.isValidVerifier(verifier), PKCE.verify(verifier: verifier, challenge: challenge.challenge) else {
                throw .invalidGrant("code_verifier does not match the code_challenge of the authorization request")
            }
        }
    }
}
