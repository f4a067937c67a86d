/// The `?action=` values of MSC4191 (account management deep links from Matrix clients), with the
/// `device_id` some of them carry. The unstable `session_*` names mean the same as `device_*`.
enum AccountManagementAction: Equatable, Sendable {
    case profile
    case devicesList
    case deviceView(deviceID: String?)
    case deviceDelete(deviceID: String?)
    case crossSigningReset

    /// Every action name this server handles: what discovery's `account_management_actions_supported` lists.
    static let supportedNames = [
        "org.matrix.profile", "org.matrix.sessions_list", "org.matrix.session_view", "org.matrix.session_end",
        "org.matrix.devices_list", "org.matrix.device_view", "org.matrix.device_delete", "org.matrix.cross_signing_reset",
    ]

    /// The action named by `name`; nil for an unknown one (the overview is shown instead).
    init?(name: String, deviceID: String?) {
        switch name {
        case "org.matrix.profile": self = .profile
        case "org.matrix.devices_list", "org.matrix.sessions_list": self = .devicesList
        case "org.matrix.device_view", "org.matrix.session_view": self = .deviceView(deviceID: deviceID)
        case "org.matrix.device_delete", "org.matrix.session_end": self = .deviceDelete(deviceID: deviceID)
        case "org.matrix.cross_signing_reset": self = .crossSigningReset
        default: return nil
        }
    }
}
