import SesameModel

/// Which scopes a client may obtain, for whom. Each rule answers `invalid_scope` with the token
/// it objects to.
public struct ScopePolicy: Sendable {
    let settings: OAuthSettings

    /// Creates the policy.
    public init(settings: OAuthSettings) { self.settings = settings }

    /// Who a token would act for.
    public enum Subject: Sendable {
        /// A user, through a user-facing grant.
        case user(User)
        /// The client itself (client credentials).
        case client
    }

    /// Scopes outside the Matrix ones that Sesame knows.
    static let standard: Set<ScopeToken> = [.openID, .email, "profile", MatrixScope.masGraphQL]

    /// Whether Sesame knows `token` at all.
    static func isKnown(_ token: ScopeToken) -> Bool {
        standard.contains(token) || token == MatrixScope.api || token == MatrixScope.unstableAPI
            || token.rawValue.hasPrefix(MatrixScope.devicePrefix) || token.rawValue.hasPrefix(MatrixScope.unstableDevicePrefix)
            || token == MatrixScope.synapseAdmin || token == MatrixScope.masAdmin
    }

    /// A device scope is chosen per request: a client limited to the Matrix API scope of one form
    /// may name any device in that same form.
    private static func isCovered(_ token: ScopeToken, by allowed: Scope) -> Bool {
        (token.rawValue.hasPrefix(MatrixScope.devicePrefix) && allowed.contains(MatrixScope.api))
            || (token.rawValue.hasPrefix(MatrixScope.unstableDevicePrefix) && allowed.contains(MatrixScope.unstableAPI))
    }

    /// Checks `scope` for `client` acting as `subject`.
    public func check(_ scope: Scope, client: OAuthClient, subject: Subject) throws(OAuthError) {
        let summary: MatrixScope.Summary
        do {
            summary = try MatrixScope.summarize(scope)
        } catch {
            throw .invalidScope(error.description)
        }
        for token in scope.tokens {
            guard Self.isKnown(token) else { throw .invalidScope("the scope \(token) is not supported") }
        }
        if let allowed = client.allowedScope, let outside = scope.tokens.first(where: { !allowed.contains($0) && !Self.isCovered($0, by: allowed) }) {
            throw .invalidScope("this client may not request the scope \(outside)")
        }
        let admin = [MatrixScope.synapseAdmin, MatrixScope.masAdmin].filter(scope.contains)
        switch subject {
        case .user(let user):
            if let first = admin.first, !(user.canRequestAdmin || settings.adminUsernames.contains(user.username.rawValue)) {
                throw .invalidScope("the user may not request the scope \(first)")
            }
        case .client:
            if summary.grantsAPI || summary.deviceID != nil {
                throw .invalidScope("Matrix access needs a user; client credentials cannot request it")
            }
            if scope.contains(.openID) || scope.contains(.email) {
                throw .invalidScope("client credentials tokens act for no user; openid and email do not apply")
            }
            if let first = admin.first, !settings.adminClientIDs.contains(client.id) {
                throw .invalidScope("this client may not request the scope \(first)")
            }
        }
    }
}
