import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import PostgresNIO
import SQLKit

/// The scale-out engine: PostgresNIO's connection pool; a transaction holds one pooled connection
/// from BEGIN to COMMIT.
final class PostgresEngine: SQLEngine {
    let backend = StorageBackend.postgres
    private let client: PostgresClient
    private let runTask: Task<Void, Never>

    private init(client: PostgresClient) {
        self.client = client
        // The pool does nothing until it runs; it must run before its first query.
        runTask = Task { await client.run() }
    }

    /// Connects to the database named by `url`, proving it is reachable before returning.
    static func open(url: String, maximumConnections: Int, logger: Logger) async throws -> PostgresEngine {
        let redacted = DatabaseURI.redacted(url)
        let connectionConfiguration: PostgresConnection.Configuration
        do {
            connectionConfiguration = try SQLPostgresConfiguration(url: url).coreConfiguration
        } catch {
            throw StorageError.invalidURI("\(redacted): \(error)")
        }
        // One direct connection first: a wrong host, password or database name fails here with
        // the server's own words instead of a pool that silently retries.
        do {
            let probe = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: connectionConfiguration, id: 0, logger: logger
            )
            try await probe.close()
        } catch let error as PSQLError {
            let reason = error.serverInfo?[.message] ?? String(describing: error.code)
            throw StorageError.unavailable("cannot connect to \(redacted): \(reason)")
        } catch {
            throw StorageError.unavailable("cannot connect to \(redacted): \(error)")
        }
        var configuration = try PostgresClient.Configuration(connectionConfiguration)
        configuration.options.maximumConnections = maximumConnections
        return PostgresEngine(client: PostgresClient(configuration: configuration, backgroundLogger: logger))
    }

    func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: nil))
        }
    }

    func withTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            let sql = connection.sql(queryLogLevel: nil)
            try await sql.execute("BEGIN")
            do {
                let result = try await body(sql)
                try await sql.execute("COMMIT")
                return result
            } catch {
                try? await sql.execute("ROLLBACK")
                throw error
            }
        }
    }

    func translate(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError else { return error }
        if let state = error.serverInfo?[.sqlState], state == "23505" {
            return StorageError.uniqueViolation(detail: error.serverInfo?[.detail] ?? error.serverInfo?[.message] ?? "duplicate key")
        }
        if error.code == .connectionError || error.code == .serverClosedConnection {
            return StorageError.unavailable(String(describing: error.code))
        }
        return error
    }

    func close() async {
        runTask.cancel()
        await runTask.value
    }
}

extension PostgresClient.Configuration {
    /// Translates a URL-derived connection configuration into the pool's own configuration.
    init(_ configuration: PostgresConnection.Configuration) throws {
        let tls: PostgresClient.Configuration.TLS
        switch (configuration.tls.isEnforced, configuration.tls.isAllowed, configuration.tls.sslContext) {
        case (true, _, let context?): tls = .require(context.configuration)
        case (false, true, let context?): tls = .prefer(context.configuration)
        default: tls = .disable
        }
        if let host = configuration.host, let port = configuration.port {
            self.init(host: host, port: port, username: configuration.username, password: configuration.password, database: configuration.database, tls: tls)
        } else if let socket = configuration.unixSocketPath {
            self.init(unixSocketPath: socket, username: configuration.username, password: configuration.password, database: configuration.database)
        } else {
            throw StorageError.invalidURI("a PostgreSQL URI needs a host or a unix socket path")
        }
    }
}
