/// The account pages' paths, in one place so links and redirects agree.
enum AccountPaths {
    static let overview = "/account/"
    static let displayName = "/account/display-name"
    static let password = "/account/password"
    static let sessions = "/account/sessions"
    static let tokens = "/account/tokens"
    static let deactivate = "/account/deactivate"
    static let crossSigningReset = "/account/cross-signing-reset"
    /// Built by another part of Sesame; linked from the overview.
    static let emails = "/account/emails"

    static func session(_ id: String) -> String { "\(sessions)/\(id)" }
    static func endSession(_ id: String) -> String { "\(sessions)/\(id)/end" }
    static func revokeToken(_ id: String) -> String { "\(tokens)/\(id)/revoke" }
}
