import Foundation
import SesameAccounts
import SesameModel
import SesameOAuth
import SesameStorage

/// Ends one of the viewer's sessions the way every other path in Sesame does: an OAuth session
/// through `SessionTermination`, a compatibility session through `CompatSessionTermination`
/// (both revoke the tokens and queue the device sync that removes the device from the
/// homeserver), a browser session by finishing it.
enum AccountSessionEnding {
    static func end(_ session: AccountSession, at now: Date, in repositories: any Repositories) async throws {
        switch session {
        case .browser(let browser):
            try await repositories.browserSessions.finish(id: browser.id, at: now)
        case .oauth(let oauth, _):
            try await SessionTermination.end(oauth.id, at: now, in: repositories)
        case .compat(let compat):
            try await CompatSessionTermination.end([compat.id], of: compat.userID, at: now, in: repositories)
        }
    }
}
