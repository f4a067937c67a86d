import Foundation
import SesameCrypto
import SesameModel
import SesameStorage

/// `grant_type=urn:ietf:params:oauth:grant-type:device_code` (RFC 8628 §3.4–3.5): the device polls
/// with its device code until the user approves or denies the request in a browser.
struct DeviceCodeGrantHandler: Sendable {
    let services: OAuthServices

    func handle(form: FormParameters, client: OAuthClient) async -> Result<TokenResponse, OAuthError> {
        let deviceCode: String
        do throws(OAuthError) {
            deviceCode = try form.required("device_code")
        } catch {
            return .failure(error)
        }
        let now = services.clock.now()
        let deviceCodeHash = TokenHash(of: deviceCode).hex
        if let refusal = await registerDevice(deviceCodeHash: deviceCodeHash, client: client, now: now) { return .failure(refusal) }
        return await services.transaction { repositories in
            guard let grant = try await repositories.deviceCodeGrants.find(deviceCodeHash: deviceCodeHash) else {
                throw OAuthError.invalidGrant("the device code is not valid")
            }
            try checkIssuedToClient(grant, client: client)
            if case .exchanged = grant.status { throw OAuthError.invalidGrant("the device code was already used") }

            // Every poll is recorded, so the answers below are committed with it.
            try await repositories.deviceCodeGrants.recordPoll(id: grant.id, at: now)
            if let refusal = checkStillPolling(grant, now: now) { return .failure(refusal) }
            switch grant.status {
            case .pending:
                return .failure(OAuthError(.authorizationPending, "the user has not approved the request yet; keep polling"))
            case .rejected:
                return .failure(.accessDenied("the user denied the request"))
            case .exchanged:
                throw OAuthError.invalidGrant("the device code was already used")
            case .fulfilled(let browserSessionID, _):
                return .success(try await exchange(grant, approvedIn: browserSessionID, client: client, now: now, in: repositories))
            }
        }
    }

    /// Once the user approved, creates the device the request names on the homeserver before the
    /// exchange; the transaction below still checks everything about the code.
    private func registerDevice(deviceCodeHash: String, client: OAuthClient, now: Date) async -> OAuthError? {
        let found = try? await services.storage.read { repositories -> (DeviceCodeGrant, User)? in
            guard let grant = try await repositories.deviceCodeGrants.find(deviceCodeHash: deviceCodeHash), grant.clientID == client.id,
                  now < grant.expiresAt, case .fulfilled(let browserSessionID, _) = grant.status,
                  let browserSession = try await repositories.browserSessions.find(id: browserSessionID),
                  let user = try await repositories.users.find(id: browserSession.userID), user.isActive
            else { return nil }
            return (grant, user)
        }
        guard let (grant, user) = found ?? nil else { return nil }
        return await DeviceRegistration(services: services).ensureDevice(for: grant.scope, user: user, client: client)
    }

    /// RFC 8628 §3.4: the device code is bound to the client that asked for it.
    private func checkIssuedToClient(_ grant: DeviceCodeGrant, client: OAuthClient) throws(OAuthError) {
        guard grant.clientID == client.id else { throw .invalidGrant("the device code was issued to another client") }
    }

    /// RFC 8628 §3.5: `expired_token` once the code expired; `slow_down` when polled more often than
    /// the interval the device was given. Nil while the device may keep polling.
    private func checkStillPolling(_ grant: DeviceCodeGrant, now: Date) -> OAuthError? {
        if now >= grant.expiresAt {
            return OAuthError(.expiredToken, "the device code has expired; start a new device authorization")
        }
        if let last = grant.lastPolledAt, now.timeIntervalSince(last) < services.settings.devicePollInterval {
            let interval = Int(services.settings.devicePollInterval.rounded(.up))
            return OAuthError(.slowDown, "polling too fast; wait at least \(interval) seconds between polls")
        }
        return nil
    }

    /// The user approved: create the session for them, mark the grant exchanged (once only), issue tokens.
    private func exchange(
        _ grant: DeviceCodeGrant, approvedIn browserSessionID: BrowserSessionID, client: OAuthClient, now: Date, in repositories: any Repositories
    ) async throws -> TokenResponse {
        guard let browserSession = try await repositories.browserSessions.find(id: browserSessionID) else {
            throw OAuthError.invalidGrant("the browser session that approved this request no longer exists")
        }
        let user = try AccountStanding.requireActive(try await repositories.users.find(id: browserSession.userID))
        // Admin scopes could not be judged before the approving user was known.
        try ScopePolicy(settings: services.settings).check(grant.scope, client: client, subject: .user(user))
        let session = OAuthSession(
            id: OAuthSessionID(date: now), clientID: client.id, userID: user.id, browserSessionID: browserSession.id,
            scope: grant.scope, createdAt: now
        )
        try await repositories.oauthSessions.add(session)
        guard try await repositories.deviceCodeGrants.exchange(id: grant.id, sessionID: session.id, at: now) else {
            throw OAuthError.invalidGrant("the device code was already used")
        }
        return try await TokenResponseBuilder(services: services).respond(
            session: session, client: client, user: user, withRefreshToken: client.grantTypes.contains(.refreshToken),
            authTime: try await IDTokenIssuer.authTime(of: session, in: repositories), at: now, in: repositories
        )
    }
}
