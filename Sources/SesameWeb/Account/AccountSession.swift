import Foundation
import SesameModel

/// One of the viewer's sessions as the account pages show it: a signed-in browser, an OAuth
/// session of a client, or a legacy Matrix (compatibility) login.
enum AccountSession: Sendable {
    case browser(BrowserSession)
    case oauth(OAuthSession, client: OAuthClient?)
    case compat(CompatSession)

    var id: String {
        switch self {
        case .browser(let session): session.id.description
        case .oauth(let session, _): session.id.description
        case .compat(let session): session.id.description
        }
    }

    var userID: UserID? {
        switch self {
        case .browser(let session): session.userID
        case .oauth(let session, _): session.userID
        case .compat(let session): session.userID
        }
    }

    var isActive: Bool {
        switch self {
        case .browser(let session): session.isActive
        case .oauth(let session, _): session.isActive
        case .compat(let session): session.isActive
        }
    }

    var createdAt: Date {
        switch self {
        case .browser(let session): session.createdAt
        case .oauth(let session, _): session.createdAt
        case .compat(let session): session.createdAt
        }
    }

    var finishedAt: Date? {
        switch self {
        case .browser(let session): session.finishedAt
        case .oauth(let session, _): session.finishedAt
        case .compat(let session): session.finishedAt
        }
    }

    var activity: ActivityRecord {
        switch self {
        case .browser(let session): session.activity
        case .oauth(let session, _): session.activity
        case .compat(let session): session.activity
        }
    }

    /// The Matrix device the session holds: a compat session's device, or the device an OAuth
    /// session's `urn:matrix:client:device:*` scope names.
    var deviceID: DeviceID? {
        switch self {
        case .browser: nil
        case .oauth(let session, _): (try? MatrixScope.summarize(session.scope))?.deviceID
        case .compat(let session): session.deviceID
        }
    }

    /// The values a template shows for this session.
    func values(strings: WebStrings, currentBrowser: BrowserSessionID) -> [String: Any] {
        var values: [String: Any] = [
            "id": id, "created": AccountDates.format(createdAt),
            "href": AccountPaths.session(id), "endAction": AccountPaths.endSession(id),
        ]
        if isActive { values["active"] = true }
        if let finishedAt { values["finished"] = AccountDates.format(finishedAt) }
        if let lastActive = activity.lastActiveAt { values["lastActive"] = AccountDates.format(lastActive) }
        if let ip = activity.lastActiveIP { values["ip"] = ip }
        if let agent = activity.userAgent { values["userAgent"] = agent }
        if let deviceID { values["device"] = deviceID.rawValue }
        switch self {
        case .browser(let session):
            values["kind"] = strings["account_session_kind_browser"]
            values["name"] = activity.userAgent.map(Self.shortAgent) ?? strings["account_session_unknown_browser"]
            if session.id == currentBrowser { values["current"] = true }
        case .oauth(let session, let client):
            values["kind"] = strings["account_session_kind_oauth"]
            values["name"] = session.humanName ?? client?.clientName ?? session.clientID.description
            values["client"] = client?.clientName ?? session.clientID.description
            values["scope"] = session.scope.description
        case .compat(let session):
            values["kind"] = strings["account_session_kind_compat"]
            values["name"] = session.humanName ?? strings.format("account_session_device", ["device": session.deviceID.rawValue])
        }
        return values
    }

    /// A user agent cut to something a list can show.
    private static func shortAgent(_ agent: String) -> String {
        agent.count > 80 ? String(agent.prefix(80)) + "…" : agent
    }
}
