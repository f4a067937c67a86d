import SQLKit

/// The one SQL implementation of every repository, for SQLite and PostgreSQL alike; `sql` is a
/// connection (or the transaction's connection) and all statements are portable SQL.
struct SQLRepositories: Repositories {
    let sql: any SQLDatabase

    var users: any UserRepository { SQLUserRepository(sql: sql) }
    var passwords: any UserPasswordRepository { SQLUserPasswordRepository(sql: sql) }
    var emails: any UserEmailRepository { SQLUserEmailRepository(sql: sql) }
    var browserSessions: any BrowserSessionRepository { SQLBrowserSessionRepository(sql: sql) }
    var oauthClients: any OAuthClientRepository { SQLOAuthClientRepository(sql: sql) }
    var consents: any ConsentRepository { SQLConsentRepository(sql: sql) }
    var authorizationGrants: any AuthorizationGrantRepository { SQLAuthorizationGrantRepository(sql: sql) }
    var deviceCodeGrants: any DeviceCodeGrantRepository { SQLDeviceCodeGrantRepository(sql: sql) }
    var oauthSessions: any OAuthSessionRepository { SQLOAuthSessionRepository(sql: sql) }
    var accessTokens: any AccessTokenRepository { SQLAccessTokenRepository(sql: sql) }
    var refreshTokens: any RefreshTokenRepository { SQLRefreshTokenRepository(sql: sql) }
    var compatSessions: any CompatSessionRepository { SQLCompatSessionRepository(sql: sql) }
    var compatAccessTokens: any CompatAccessTokenRepository { SQLCompatAccessTokenRepository(sql: sql) }
    var compatRefreshTokens: any CompatRefreshTokenRepository { SQLCompatRefreshTokenRepository(sql: sql) }
    var compatSSOLogins: any CompatSSOLoginRepository { SQLCompatSSOLoginRepository(sql: sql) }
    var personalSessions: any PersonalSessionRepository { SQLPersonalSessionRepository(sql: sql) }
    var personalAccessTokens: any PersonalAccessTokenRepository { SQLPersonalAccessTokenRepository(sql: sql) }
    var registrationTokens: any RegistrationTokenRepository { SQLRegistrationTokenRepository(sql: sql) }
    var jobs: any JobRepository { SQLJobRepository(sql: sql) }
    var inactiveSessions: any InactiveSessionRepository { SQLInactiveSessionRepository(sql: sql) }
    var emailVerifications: any EmailVerificationRepository { SQLEmailVerificationRepository(sql: sql) }
    var pendingRegistrations: any PendingRegistrationRepository { SQLPendingRegistrationRepository(sql: sql) }
    var passwordRecoveryTickets: any PasswordRecoveryTicketRepository { SQLPasswordRecoveryTicketRepository(sql: sql) }
}
