import Logging
import Prometheus
import SesameAccounts
import SesameCrypto
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
    }

    /// The protocol services over these parts.
    public var oauth: OAuthServices {
        OAuthServices(
            storage: storage, clock: clock, settings: OAuthSettings(config), signingKeys: signingKeys,
            secretBox: SecretBox(key: encryptionKey), jwksFetcher: jwksFetcher, homeserver: homeserver
        )
    }

    /// How the pages behave.
    public var webOptions: WebOptions {
        WebOptions(
            publicBase: config.http.publicBase, passwordLoginEnabled: config.passwords.enabled,
            passwordRegistrationEnabled: config.passwords.enabled && config.account.passwordRegistrationEnabled
        )
    }

    /// The legacy Matrix login API over these parts.
    public var compatLogin: CompatLoginService {
        let limits = config.rateLimiting.login
        return CompatLoginService(
            storage: storage, clock: clock, homeserver: homeserver, accounts: accounts,
            settings: CompatLoginSettings(passwordLoginEnabled: config.passwords.enabled),
            rateLimiter: LoginRateLimiter(
                perIP: RateLimitRule(burst: limits.perIP.burst, perSecond: limits.perIP.perSecond),
                perAccount: RateLimitRule(burst: limits.perTarget.burst, perSecond: limits.perTarget.perSecond),
                clock: clock
            ),
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
