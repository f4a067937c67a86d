import Foundation
import SesameAccounts
import SesameCrypto
import SesameModel
import SesameStorage

/// What a new compat session should be.
struct SessionOptions {
    var deviceID: DeviceID?
    var displayName: String?
    var refreshable: Bool
    var isSynapseAdmin: Bool
    var userAgent: String?
    var ip: String?
    var browserSessionID: BrowserSessionID?
    /// The SSO login this session redeems; it is marked exchanged in the same transaction.
    var ssoLoginID: CompatSSOLoginID?
}

extension CompatLoginService {
    /// Creates the device on the homeserver, then the session and its tokens in one transaction.
    /// A device ID the user already has in an active session moves to the new session: the old
    /// one ends and its tokens stop working, as Synapse does when a client logs in again as a device.
    func startSession(for user: User, _ options: SessionOptions) async throws -> CompatLoginResponse {
        var generator = SystemRandomNumberGenerator()
        let deviceID = options.deviceID ?? DeviceID.random(using: &generator)
        // The homeserver must know the device before any token naming it is used.
        try await ensureDevice(user: user, deviceID: deviceID, displayName: options.displayName)

        let now = clock.now()
        let session = CompatSession(
            id: CompatSessionID(date: now), userID: user.id, deviceID: deviceID, browserSessionID: options.browserSessionID,
            isSynapseAdmin: options.isSynapseAdmin, createdAt: now, humanName: options.displayName,
            activity: ActivityRecord(userAgent: options.userAgent, lastActiveAt: now, lastActiveIP: options.ip)
        )
        let accessToken = OpaqueToken.generate(.compatAccessToken)
        let access = CompatAccessToken(
            id: CompatAccessTokenID(date: now), sessionID: session.id, createdAt: now,
            expiresAt: options.refreshable ? now.addingTimeInterval(settings.refreshableAccessTokenLifetime) : nil
        )
        let refreshToken = options.refreshable ? OpaqueToken.generate(.compatRefreshToken) : nil
        try await storage.transaction { repositories in
            if let previous = try await repositories.compatSessions.findActive(userID: user.id, deviceID: deviceID) {
                // The device is reused by the new session, so the homeserver keeps it.
                try await CompatSessionTermination.end([previous.id], of: user.id, at: now, in: repositories, devices: .none)
            }
            try await repositories.compatSessions.add(session)
            try await repositories.compatAccessTokens.add(access, tokenHash: TokenHash(of: accessToken).hex)
            if let refreshToken {
                let refresh = CompatRefreshToken(id: CompatRefreshTokenID(date: now), sessionID: session.id, accessTokenID: access.id, createdAt: now)
                try await repositories.compatRefreshTokens.add(refresh, tokenHash: TokenHash(of: refreshToken).hex)
            }
            // Last, because it names the session; a lost race rolls the whole session back.
            if let ssoLoginID = options.ssoLoginID {
                guard try await repositories.compatSSOLogins.exchange(id: ssoLoginID, sessionID: session.id, at: now) else {
                    throw MatrixError.invalidLoginToken("Invalid login token")
                }
            }
        }
        logger.info("compat session started", metadata: [
            "user": "\(user.username)", "device": "\(deviceID)", "session": "\(session.id)", "admin": "\(options.isSynapseAdmin)",
        ])
        return CompatLoginResponse(
            userID: homeserver.mxid(user.username.rawValue), accessToken: accessToken.value, deviceID: deviceID.rawValue,
            homeServer: homeserver.serverName, refreshToken: refreshToken?.value,
            expiresInMs: access.expiresAt.map { Int(($0.timeIntervalSince(now) * 1000).rounded()) }
        )
    }

    /// Upserts the device; a homeserver that does not know the user yet (registration's
    /// provisioning job still queued) gets the user provisioned first.
    func ensureDevice(user: User, deviceID: DeviceID, displayName: String?) async throws {
        let localpart = user.username.rawValue
        do {
            do {
                try await homeserver.upsertDevice(localpart: localpart, deviceID: deviceID, displayName: displayName)
            } catch HomeserverError.rejected(status: 404, _, _) {
                try await homeserver.provisionUser(ProvisionUserRequest(localpart: localpart, subject: user.id.description))
                try await homeserver.upsertDevice(localpart: localpart, deviceID: deviceID, displayName: displayName)
            }
        } catch {
            logger.error("upserting the device on the homeserver failed", metadata: [
                "user": "\(localpart)", "device": "\(deviceID)", "error": "\(error)",
            ])
            throw MatrixError.homeserverUnavailable
        }
    }
}
