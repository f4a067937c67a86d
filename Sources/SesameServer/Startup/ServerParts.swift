import Foundation
import Logging
import Prometheus
import SesameAccounts
import SesameCrypto
import SesameEmail
import SesameMatrix
import SesameModel
import SesameOAuth
import SesameStorage
import SesameWeb

/// Everything the HTTP application is assembled from, built once at start and passed in, so a
/// test can build the same application over a temporary database and a manual clock.
public struct ServerParts: Sendable {
    public var config: SesameConfig
    public var storage: any Storage
    public var signingKeys: SigningKeySet
    public var encryptionKey: EncryptionKey
    public var passwordHasher: PasswordHasher
    public var clock: any WallClock
    public var metrics: PrometheusCollectorRegistry
    public var logger: Logger
    /// Fetches clients' `jwks_uri` for `private_key_jwt`.
    public var jwksFetcher: any JWKSFetcher = NoJWKSFetcher()
    /// The homeserver kept in step with accounts and sessions.
    public var homeserver: any HomeserverConnection = NoHomeserver()
    /// Sends mail (verification codes, notices). Drops mail until the runner sets the configured
    /// transport (`MailerFactory.mailer(for:)`); tests put a recording mailer here.
    public var mailer: any Mailer
    /// Batches session activity (last use, IP) for the account page; one per server, flushed by
    /// `ActivityFlushService`.
    public var activityTracker: ActivityTracker
    /// One memory of used client assertions and fetched key sets for every endpoint that
    /// authenticates clients (`oauth` is rebuilt on each read; this must not be).
    public let assertionMemory: ClientAssertionMemory
    /// The rate limiters, built once so every route (and the compat `/login`) shares their buckets.
    public var rateLimits: RateLimits

    /// Gathers the parts.
    public init(
        config: SesameConfig, storage: any Storage, signingKeys: SigningKeySet, encryptionKey: EncryptionKey,
        passwordHasher: PasswordHasher, clock: any WallClock, metrics: PrometheusCollectorRegistry, logger: Logger
    ) {
        self.config = config
        self.storage = storage
        self.signingKeys = signingKeys
        self.encryptionKey = encryptionKey
        self.passwordHasher = passwordHasher
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
        mailer = BlackholeMailer(logger: logger)
        activityTracker = ActivityTracker(storage: storage)
        assertionMemory = ClientAssertionMemory()
        rateLimits = config.rateLimiting.limits(clock: clock)
    }

    /// The protocol services over these parts.
    public var oauth: OAuthServices {
        OAuthServices(
            storage: storage, clock: clock, settings: OAuthSettings(config), signingKeys: signingKeys,
            secretBox: SecretBox(key: encryptionKey), jwksFetcher: jwksFetcher, homeserver: homeserver,
            activity: activityTracker, assertionMemory: assertionMemory, loginLimiter: rateLimits.login
        )
    }

    /// How the pages behave.
    public var webOptions: WebOptions {
        var options = WebOptions(
            publicBase: config.http.publicBase, passwordLoginEnabled: config.passwords.enabled,
            passwordRegistrationEnabled: config.passwords.enabled && config.account.passwordRegistrationEnabled
        )
        options.account = AccountPageOptions(
            displayNameChangeAllowed: config.account.displaynameChangeAllowed,
            passwordChangeAllowed: config.account.passwordChangeAllowed,
            deactivationAllowed: config.account.accountDeactivationAllowed
        )
        // MAS requires an address by default; Sesame only when mail can actually leave (a transport
        // other than blackhole), so a server set up without email still lets people register.
        options.email = EmailPageOptions(
            registrationEmailRequired: config.account.passwordRegistrationEmailRequired && config.email.transport != .blackhole,
            registrationTokenRequired: config.account.registrationTokenRequired,
            passwordRecoveryEnabled: config.passwords.enabled && config.account.passwordRecoveryEnabled,
            emailChangeAllowed: config.account.emailChangeAllowed,
            minimumPasswordComplexity: config.passwords.minimumComplexity,
            termsOfServiceURI: config.branding.tosURI
        )
        return options
    }

    /// The legacy Matrix login API over these parts.
    public var compatLogin: CompatLoginService {
        CompatLoginService(
            storage: storage, clock: clock, homeserver: homeserver, accounts: accounts,
            settings: CompatLoginSettings(
                passwordLoginEnabled: config.passwords.enabled,
                refreshableAccessTokenLifetime: TimeInterval(config.experimental.compatTokenTTL)
            ),
            rateLimiter: rateLimits.login,
            logger: logger
        )
    }

    /// The background worker that runs queued homeserver calls.
    public var jobWorker: JobWorker {
        JobWorker(storage: storage, clock: clock, handlers: HomeserverJobRunner(storage: storage, homeserver: homeserver).handlers, logger: logger)
    }

    /// Account operations over these parts.
    public var accounts: AccountService {
        AccountService(storage: storage, hasher: passwordHasher, clock: clock)
    }
}
