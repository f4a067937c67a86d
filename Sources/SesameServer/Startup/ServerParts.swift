import Logging
import Prometheus
import SesameAccounts
import SesameCrypto
import SesameModel
import SesameStorage

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

    /// Account operations over these parts.
    public var accounts: AccountService {
        AccountService(storage: storage, hasher: passwordHasher, clock: clock)
    }
}
