import Foundation

/// How the compatibility layer behaves; built once from the configuration.
public struct CompatLoginSettings: Sendable, Equatable {
    /// `passwords.enabled`: offer and accept `m.login.password`.
    public var passwordLoginEnabled: Bool
    /// Lifetime of an access token issued with a refresh token (MAS: 5 minutes). Tokens issued
    /// without one never expire, as clients that cannot refresh expect.
    public var refreshableAccessTokenLifetime: TimeInterval
    /// How long an approved SSO login token may wait before `m.login.token` (MAS: 30 seconds).
    public var loginTokenLifetime: TimeInterval
    /// How long a started SSO login may wait for the user to approve it.
    public var ssoLoginLifetime: TimeInterval

    /// Creates settings; the defaults are MAS's.
    public init(
        passwordLoginEnabled: Bool = true, refreshableAccessTokenLifetime: TimeInterval = 300,
        loginTokenLifetime: TimeInterval = 30, ssoLoginLifetime: TimeInterval = 600
    ) {
        self.passwordLoginEnabled = passwordLoginEnabled
        self.refreshableAccessTokenLifetime = refreshableAccessTokenLifetime
        self.loginTokenLifetime = loginTokenLifetime
        self.ssoLoginLifetime = ssoLoginLifetime
    }
}
