import Foundation
import SesameAccounts
import SesameCrypto
import SesameModel
import SesameStorage

extension CompatLoginService {
    /// `POST /logout`: ends the session of `accessToken`, revokes its tokens and removes the device
    /// from the homeserver (Synapse caches token answers for minutes, so the device must go too).
    public func logout(accessToken: String?) async throws(MatrixError) {
        try await answering {
            let (session, user) = try await authenticate(accessToken)
            try await end([session], of: user)
        }
    }

    /// `POST /logout/all`: ends every compat session of the token's user. Like MAS, OAuth sessions
    /// are left alone: they belong to clients that manage them through OAuth.
    public func logoutAll(accessToken: String?) async throws(MatrixError) {
        try await answering {
            let (_, user) = try await authenticate(accessToken)
            let sessions = try await storage.read { try await $0.compatSessions.list(for: user.id, activeOnly: true) }
            try await end(sessions, of: user)
        }
    }

    /// The active session and user an `mct_` access token belongs to, or `M_UNKNOWN_TOKEN`.
    func authenticate(_ accessToken: String?) async throws -> (CompatSession, User) {
        guard let accessToken else { throw MatrixError.missingToken }
        // The checksum is checked before the database: a forged or mistyped token costs no query.
        guard (try? TokenKind.parse(accessToken)) == .compatAccessToken else { throw MatrixError.unknownToken() }
        let now = clock.now()
        let tokenHash = TokenHash(of: accessToken).hex
        let found = try await storage.read { repositories -> (CompatSession, User)? in
            guard let token = try await repositories.compatAccessTokens.find(tokenHash: tokenHash), token.isValid(at: now),
                  let session = try await repositories.compatSessions.find(id: token.sessionID), session.isActive,
                  let user = try await repositories.users.find(id: session.userID)
            else { return nil }
            return (session, user)
        }
        guard let found else { throw MatrixError.unknownToken() }
        return found
    }

    /// Ends `sessions` in one transaction, queues a device sync for the user (so a homeserver that
    /// is down catches up), then deletes each device directly so the logout takes effect now.
    func end(_ sessions: [CompatSession], of user: User) async throws {
        guard !sessions.isEmpty else { return }
        let now = clock.now()
        try await storage.transaction { repositories in
            try await CompatSessionTermination.end(sessions.map(\.id), of: user.id, at: now, in: repositories)
        }
        for session in sessions {
            logger.info("compat session ended", metadata: ["user": "\(user.username)", "device": "\(session.deviceID)", "session": "\(session.id)"])
            do {
                try await homeserver.deleteDevice(localpart: user.username.rawValue, deviceID: session.deviceID)
            } catch {
                // The queued sync retries; the session is already over in Sesame.
                logger.warning("deleting the device on the homeserver failed; the queued device sync will retry", metadata: [
                    "user": "\(user.username)", "device": "\(session.deviceID)", "error": "\(error)",
                ])
            }
        }
    }
}
