import Foundation
import SesameModel
import SesameStorage

/// Ending an OAuth session and every token it holds: what revocation does, and what the replay
/// rules do when a code or refresh token shows up twice (RFC 6749 §4.1.2, §10.4; RFC 9700 §4.14.2).
public enum SessionTermination {
    /// Finishes the session and revokes all its access and refresh tokens, inside the caller's
    /// transaction. A session that held a Matrix device also queues a device sync, so the homeserver
    /// forgets the device (Synapse caches introspection answers for minutes; deleting the device is
    /// what ends access there at once).
    public static func end(_ sessionID: OAuthSessionID, at now: Date, in repositories: any Repositories) async throws {
        try await repositories.oauthSessions.finish(id: sessionID, at: now)
        try await repositories.accessTokens.revokeAll(in: sessionID, at: now)
        try await repositories.refreshTokens.revokeAll(in: sessionID, at: now)
        if let session = try await repositories.oauthSessions.find(id: sessionID), let userID = session.userID,
           (try? MatrixScope.summarize(session.scope))?.deviceID != nil {
            try await repositories.jobs.enqueue(try HomeserverJob.syncDevices(userID: userID).job(at: now))
        }
    }
}
