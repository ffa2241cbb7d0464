import Foundation
import PostgresNIO

/// The shared review queue: one PostgreSQL database that many patrol units, machines and batch
/// shards read and write at once. Same behaviour as `SQLiteReviewStore`, checked by the same
/// contract tests.
///
/// Concurrency, where SQLite has one writer at a time:
/// - `insert` holds a transaction-scoped advisory lock, so batches from several machines are
///   applied one after another and clusters, copy counts and idempotency see every earlier batch.
/// - `claimNext` picks its item with `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED)` and
///   then takes a per-cluster advisory lock, so reviewers never wait on each other and two of them
///   never hold the same item or work the same cluster.
/// - A transaction that PostgreSQL aborts for a deadlock or a serialization failure is retried.
///
/// The store owns a `PostgresClient` (a connection pool) whose `run()` task it starts on creation
/// and cancels in `close()` (or when the store is released). Every value reaches the server as a
/// bound parameter of a `PostgresQuery`; SQL text is never built from input.
public final class PostgresReviewStore: ReviewStore, Sendable {
    public let configuration: PostgresQueueConfiguration
    public let clustering: Clustering
    let client: PostgresClient
    let logger: Logger
    private let runTask: Task<Void, Never>

    /// Connects lazily to the database described by `configuration`. Call `migrate()` before use.
    ///
    /// - Parameter logger: receives postgres-nio's query and connection logs; by default nothing
    ///   is logged (libraries never print).
    public init(configuration: PostgresQueueConfiguration, clustering: Clustering = Clustering(),
                logger: Logger? = nil) {
        self.configuration = configuration
        self.clustering = clustering
        let logger = logger ?? PostgresReviewStore.quietLogger
        self.logger = logger
        let client = PostgresClient(configuration: PostgresReviewStore.clientConfiguration(configuration),
                                    backgroundLogger: logger)
        self.client = client
        runTask = Task { await client.run() }
    }

    /// Reads `url` (`postgres://user:password@host:port/database`) and connects lazily.
    public convenience init(url: String, clustering: Clustering = Clustering(), logger: Logger? = nil) throws {
        self.init(configuration: try PostgresQueueConfiguration(url: url), clustering: clustering, logger: logger)
    }

    deinit {
        runTask.cancel()
    }

    /// Closes every connection. The store cannot be used afterwards.
    public func close() async {
        runTask.cancel()
        await runTask.value
    }

    /// Creates or upgrades the schema over a connection of its own, outside the pool, so that a
    /// wrong address, user or password fails at once with the server's reason (the pool would
    /// keep retrying in the background for a minute before giving up without one).
    public func migrate() async throws {
        let operation = "migrating the review queue schema"
        let connection = try await connectDirectly(operation)
        do {
            try await PostgresReviewStore.runTransaction(connection, logger: logger) { connection, logger in
                try await PostgresReviewStore.applyMigrations(connection, logger: logger)
            }
            try await connection.close()
        } catch {
            try? await connection.close()
            if let error = error as? ReviewStoreError { throw error }
            throw PostgresReviewStore.storeError(error, operation: operation, configuration: configuration)
        }
    }

    /// Applies the migrations this database lacks, one process at a time.
    private static func applyMigrations(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            "SELECT pg_advisory_xact_lock(\(PostgresSchema.lockNamespace), \(PostgresSchema.migrationLock))",
            logger: logger)
        try await connection.query(PostgresSchema.migrationsTable, logger: logger)
        var applied = Set<Int64>()
        for try await version in try await connection.query(
            "SELECT version FROM patroli_schema_migrations", logger: logger).decode(Int64.self) {
            applied.insert(version)
        }
        for migration in PostgresSchema.migrations where !applied.contains(migration.version) {
            for statement in migration.statements {
                try await connection.query(statement, logger: logger)
            }
            try await connection.query("""
                INSERT INTO patroli_schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))
                """, logger: logger)
        }
    }

    /// One connection outside the pool, with the store's address, credentials and TLS mode.
    private func connectDirectly(_ operation: String) async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(
                configuration: try PostgresReviewStore.connectionConfiguration(configuration), id: 0, logger: logger)
        } catch {
            throw PostgresReviewStore.storeError(error, operation: operation, configuration: configuration)
        }
    }

    // MARK: Running statements

    /// Runs `body` in one transaction on a pooled connection: commits when it returns, rolls back
    /// when it throws, and runs it again (up to `attempts` times) when PostgreSQL aborted it for a
    /// deadlock or a serialization failure. Errors become `ReviewStoreError`s naming `operation`.
    @discardableResult
    func transaction<T: Sendable>(
        _ operation: String, attempts: Int = 6,
        _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        let logger = self.logger
        var attempt = 1
        while true {
            do {
                return try await client.withConnection { connection in
                    try await PostgresReviewStore.runTransaction(connection, logger: logger, body)
                }
            } catch let error as ReviewStoreError {
                throw error
            } catch {
                if attempt < attempts, PostgresReviewStore.isTransient(error) {
                    attempt += 1
                    try await Task.sleep(for: .milliseconds(Int.random(in: 5...(20 * attempt))))
                    continue
                }
                throw PostgresReviewStore.storeError(error, operation: operation, configuration: configuration)
            }
        }
    }

    /// Runs `body` outside an explicit transaction (one statement reads are atomic by themselves).
    func read<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        let logger = self.logger
        do {
            return try await client.withConnection { connection in try await body(connection, logger) }
        } catch let error as ReviewStoreError {
            throw error
        } catch {
            throw PostgresReviewStore.storeError(error, operation: operation, configuration: configuration)
        }
    }

    private static func runTransaction<T: Sendable>(
        _ connection: PostgresConnection, logger: Logger,
        _ body: @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        try await connection.query("BEGIN", logger: logger)
        do {
            let value = try await body(connection, logger)
            try await connection.query("COMMIT", logger: logger)
            return value
        } catch {
            do {
                try await connection.query("ROLLBACK", logger: logger)
            } catch {
                // A connection that cannot roll back must not go back to the pool mid-transaction.
                try? await connection.close()
            }
            throw error
        }
    }

    // MARK: Errors

    /// PostgreSQL's SQLSTATE for a failed statement, when the server sent one.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// Deadlock (40P01) and serialization failure (40001): the transaction may simply be run again.
    static func isTransient(_ error: any Error) -> Bool {
        guard let state = sqlState(error) else { return false }
        return state == "40P01" || state == "40001"
    }

    /// A `ReviewStoreError.database` with the server's message, detail and hint, or the
    /// connection failure and what to check. (`PSQLError`'s own description hides all of these.)
    static func storeError(_ error: any Error, operation: String,
                           configuration: PostgresQueueConfiguration) -> ReviewStoreError {
        guard let error = error as? PSQLError else {
            var message = "\(error)"
            if String(describing: type(of: error)).contains("ConnectionPool") {
                message = "no database connection could be made (\(error))" + connectionHint(configuration)
            }
            return .database(operation: operation, message: message)
        }
        if let info = error.serverInfo {
            var message = info[.message] ?? "the server reported an error"
            if let state = info[.sqlState] { message += " (SQLSTATE \(state))" }
            if let detail = info[.detail] { message += "; \(detail)" }
            if let hint = info[.hint] { message += " (hint: \(hint))" }
            return .database(operation: operation, message: message)
        }
        var message = "\(error.code)"
        if let underlying = error.underlying { message += ": \(underlying)" }
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .sslUnsupported,
             .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
            message += connectionHint(configuration)
        default:
            break
        }
        return .database(operation: operation, message: message)
    }

    private static func connectionHint(_ configuration: PostgresQueueConfiguration) -> String {
        " (hint: check that PostgreSQL at \(configuration.redactedURL) is running, accepts connections from this "
            + "machine, and that the user, password and database in --queue are right)"
    }

    // MARK: Configuration

    static func connectionConfiguration(
        _ configuration: PostgresQueueConfiguration
    ) throws -> PostgresConnection.Configuration {
        var connection: PostgresConnection.Configuration
        if let directory = configuration.unixSocketDirectory {
            connection = PostgresConnection.Configuration(
                unixSocketPath: directory + "/.s.PGSQL.\(configuration.port)", username: configuration.username,
                password: configuration.password, database: configuration.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch configuration.tlsMode {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: tlsConfiguration(configuration.tlsMode)))
            default: tls = .require(try NIOSSLContext(configuration: tlsConfiguration(configuration.tlsMode)))
            }
            connection = PostgresConnection.Configuration(
                host: configuration.host, port: configuration.port, username: configuration.username,
                password: configuration.password, database: configuration.database, tls: tls)
        }
        connection.options.connectTimeout = .seconds(10)
        return connection
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "patroli.queue.postgres")
        logger.logLevel = .critical
        return logger
    }

    static func clientConfiguration(_ configuration: PostgresQueueConfiguration) -> PostgresClient.Configuration {
        var client: PostgresClient.Configuration
        if let directory = configuration.unixSocketDirectory {
            client = PostgresClient.Configuration(
                unixSocketPath: directory + "/.s.PGSQL.\(configuration.port)", username: configuration.username,
                password: configuration.password, database: configuration.database)
        } else {
            client = PostgresClient.Configuration(
                host: configuration.host, port: configuration.port, username: configuration.username,
                password: configuration.password, database: configuration.database,
                tls: tls(configuration.tlsMode))
        }
        client.options.maximumConnections = configuration.maximumConnections
        client.options.minimumConnections = 0
        client.options.connectTimeout = .seconds(10)
        return client
    }

    private static func tls(_ mode: PostgresQueueConfiguration.TLSMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(tlsConfiguration(mode))
        case .require, .verifyCA, .verifyFull: return .require(tlsConfiguration(mode))
        }
    }

    /// libpq's meaning of each mode: `prefer` and `require` encrypt without checking the
    /// certificate, `verify-ca` checks the chain, `verify-full` also the host name.
    private static func tlsConfiguration(_ mode: PostgresQueueConfiguration.TLSMode) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable, .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        return tls
    }
}
