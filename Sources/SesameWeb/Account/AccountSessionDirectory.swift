import Foundation
import SesameModel
import SesameOAuth
import SesameStorage

/// Finds the viewer's sessions for the account pages. Everything it returns belongs to the given
/// user; a session of someone else is reported as not found.
struct AccountSessionDirectory: Sendable {
    let storage: any Storage

    /// The user's unfinished sessions of each kind, newest first.
    struct Lists: Sendable {
        var browser: [AccountSession]
        var oauth: [AccountSession]
        var compat: [AccountSession]
    }

    func activeSessions(of userID: UserID) async throws -> Lists {
        try await storage.read { repositories in
            let browser = try await repositories.browserSessions.list(for: userID, activeOnly: true)
            let oauth = try await repositories.oauthSessions.list(for: userID, activeOnly: true)
            var clients: [ClientID: OAuthClient] = [:]
            for clientID in Set(oauth.map(\.clientID)) {
                clients[clientID] = try await repositories.oauthClients.find(id: clientID)
            }
            let compat = try await repositories.compatSessions.list(for: userID, activeOnly: true)
            return Lists(
                browser: browser.map { .browser($0) },
                oauth: oauth.map { .oauth($0, client: clients[$0.clientID]) },
                compat: compat.map { .compat($0) }
            )
        }
    }

    /// The session with ID `text` when it is `userID`'s, of whichever kind.
    func session(_ text: String, of userID: UserID) async throws -> AccountSession? {
        let found: AccountSession? = try await storage.read { repositories in
            if let id = OAuthSessionID(text), let session = try await repositories.oauthSessions.find(id: id) {
                return .oauth(session, client: try await repositories.oauthClients.find(id: session.clientID))
            }
            if let id = CompatSessionID(text), let session = try await repositories.compatSessions.find(id: id) {
                return .compat(session)
            }
            if let id = BrowserSessionID(text), let session = try await repositories.browserSessions.find(id: id) {
                return .browser(session)
            }
            return nil
        }
        guard let found, found.userID == userID else { return nil }
        return found
    }

    /// The user's unfinished session holding the Matrix device `deviceID` (MSC4191 `device_id`).
    func session(holdingDevice deviceID: String, of userID: UserID) async throws -> AccountSession? {
        let lists = try await activeSessions(of: userID)
        return (lists.oauth + lists.compat).first { $0.deviceID?.rawValue == deviceID }
    }
}
