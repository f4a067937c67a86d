import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle
import SesameCrypto
import SesameMatrix
import SesameModel
import SesameOAuth
import SesameStorage

/// Start-up in one place: data folder, storage, migrations, keys, static clients, then the HTTP
/// listeners under a service group that drains in-flight requests on SIGTERM.
public enum SesameServerRunner {
    /// Opens storage and keys for `config`; migrates the schema when `migrate` is set.
    public static func openParts(config: SesameConfig, logger: Logger, migrate: Bool = true, clock: any WallClock = SystemWallClock()) async throws -> ServerParts {
        let config = try config.resolvingSecretFiles()
        try prepareDataDirectory(config)
        let storage = try await openStorage(config: config, logger: logger)
        do {
            if migrate {
                let applied = try await storage.migrate()
                for migration in applied {
                    logger.info("applied database migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                }
            }
            let encryptionKey = try SecretsLoader.encryptionKey(config)
            let signingKeys = try await SecretsLoader.signingKeys(config)
            try await StaticClientSync.sync(config.clients, storage: storage, encryptionKey: encryptionKey, now: clock.now())
            var parts = ServerParts(
                config: config, storage: storage, signingKeys: signingKeys, encryptionKey: encryptionKey,
                passwordHasher: try PasswordHasher(config.passwords), clock: clock,
                metrics: PrometheusCollectorRegistry(), logger: logger
            )
            parts.jwksFetcher = HTTPJWKSFetcher(client: .shared, allowInsecure: config.policy.data.clientRegistration.allowInsecureURIs)
            parts.homeserver = homeserver(for: config, logger: logger)
            parts.mailer = try MailerFactory.mailer(for: config, clock: clock, logger: logger)
            return parts
        } catch {
            await storage.close()
            throw error
        }
    }

    /// The homeserver named in `matrix`; without a shared secret there is none to talk to.
    public static func homeserver(for config: SesameConfig, logger: Logger) -> any HomeserverConnection {
        guard let secret = config.matrix.secret, let endpoint = URL(string: config.matrix.endpoint) else {
            logger.warning("matrix.secret is not set: no homeserver is kept in step (users and devices are not provisioned)")
            return NoHomeserver(serverName: config.matrix.homeserver)
        }
        return SynapseConnection(endpoint: endpoint, serverName: config.matrix.homeserver, secret: secret)
    }

    /// Opens the configured database without migrating it.
    public static func openStorage(config: SesameConfig, logger: Logger) async throws -> any Storage {
        let uri = try DatabaseURI(parsing: config.databaseURI)
        return try await StorageFactory.open(uri, maximumConnections: config.database.maxConnections, logger: logger)
    }

    /// Serves until SIGTERM or SIGINT, then lets in-flight requests finish and closes the database.
    public static func run(config: SesameConfig, logger: Logger) async throws {
        let started = ContinuousClock.now
        let parts = try await openParts(config: config, logger: logger)
        let router = SesameRouter.make(parts)
        var services: [any Service] = []
        for listener in config.http.listeners {
            for bind in listener.binds {
                guard let (host, port) = bind.hostAndPort else { continue }
                let application = Application(
                    router: router,
                    configuration: .init(address: .hostname(host, port: port), serverName: "Sesame"),
                    onServerRunning: { channel in
                        logger.info("listening", metadata: [
                            "listener": "\(listener.name)", "address": "\(channel.localAddress?.description ?? "\(host):\(port)")",
                            "ready_after_ms": "\((ContinuousClock.now - started).components.attoseconds / 1_000_000_000_000_000 + (ContinuousClock.now - started).components.seconds * 1000)",
                        ])
                    },
                    logger: logger
                )
                services.append(application)
            }
        }
        // The worker's run() returns on shutdown; that must end the group, not be mistaken for a crash.
        var configured = services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }
        configured.append(.init(service: parts.jobWorker, successTerminationBehavior: .gracefullyShutdownGroup))
        // First in the list, so it is shut down last (the group goes in reverse): its final flush
        // comes after the listeners finished their requests.
        configured.insert(.init(
            service: ActivityFlushService(tracker: parts.activityTracker, logger: logger),
            successTerminationBehavior: .gracefullyShutdownGroup
        ), at: 0)
        if let expiration = config.experimental.inactiveSessionExpiration {
            let policy = InactiveSessionExpiry.Policy(
                inactiveFor: TimeInterval(expiration.ttl), oauthSessions: expiration.expireOAuthSessions,
                compatSessions: expiration.expireCompatSessions, browserSessions: expiration.expireUserSessions
            )
            configured.append(.init(
                service: SessionExpiryService(expiry: InactiveSessionExpiry(storage: parts.storage, clock: parts.clock, policy: policy), logger: logger),
                successTerminationBehavior: .gracefullyShutdownGroup
            ))
        }
        let group = ServiceGroup(configuration: .init(
            services: configured,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        logger.info("Sesame starting", metadata: ["issuer": "\(config.http.effectiveIssuer)", "database": "\(parts.storage.backend.rawValue)"])
        do {
            try await group.run()
        } catch {
            await parts.storage.close()
            throw error
        }
        await parts.storage.close()
        logger.info("Sesame stopped")
    }

    /// The default data folder is created on demand; a configured one must already exist, so a
    /// typo in the path is reported instead of silently starting with an empty database.
    public static func prepareDataDirectory(_ config: SesameConfig) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: config.dataDirectory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw StartupError.dataDirectoryNotAFolder(config.dataDirectory) }
            return
        }
        guard config.dataDirectory == SesameConfig.default.dataDirectory else {
            throw StartupError.dataDirectoryMissing(config.dataDirectory)
        }
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}

/// Start-up failures that are the operator's to fix.
public enum StartupError: Error, Equatable, CustomStringConvertible {
    case dataDirectoryMissing(String)
    case dataDirectoryNotAFolder(String)

    public var description: String {
        switch self {
        case .dataDirectoryMissing(let path): "the data folder \(path) does not exist; create it (mkdir -p \(path)) or change data_directory"
        case .dataDirectoryNotAFolder(let path): "data_directory \(path) is a file, not a folder"
        }
    }
}
