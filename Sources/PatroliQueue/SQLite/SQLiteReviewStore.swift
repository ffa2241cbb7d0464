import Foundation
import GRDB

/// The embedded review queue: one SQLite file (default `./patroli.db`) in WAL mode, so the CLI,
/// the web UI and several batch processes can share it on one machine.
///
/// Every write runs in an IMMEDIATE transaction (SQLite's single writer lock), with a busy timeout
/// so concurrent processes wait instead of failing. All SQL is parameterized.
public final class SQLiteReviewStore: ReviewStore, Sendable {
    public static let defaultPath = "patroli.db"

    /// The database file.
    public let path: String
    public let clustering: Clustering
    let pool: DatabasePool
    /// The cluster index of the last insert, reused while nothing else changed the queue.
    let clusterCache = ClusterIndexCache()

    /// Opens (creating when missing) the queue database at `path`. Call `migrate()` before use.
    ///
    /// - Parameter busyTimeout: how long a write waits for another process's write to finish.
    public init(path: String = SQLiteReviewStore.defaultPath, clustering: Clustering = Clustering(),
                busyTimeout: TimeInterval = 30) throws {
        self.path = path
        self.clustering = clustering
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "patroli.queue"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw ReviewStoreError.database(
                operation: "opening the review queue `\(path)`",
                message: "\(error) (hint: check that the directory exists and is writable)")
        }
    }

    public func migrate() async throws {
        try await perform("migrating the review queue schema") { [pool] in
            try SQLiteSchema.migrator.migrate(pool)
        }
    }

    /// Runs `body`, turning GRDB errors into `ReviewStoreError.database` naming `operation`.
    func perform<T: Sendable>(_ operation: String, _ body: @Sendable () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ReviewStoreError {
            throw error
        } catch {
            throw ReviewStoreError.database(operation: operation, message: "\(error)")
        }
    }

    func write<T: Sendable>(_ operation: String, _ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await perform(operation) { [pool] in try await pool.write(updates) }
    }

    func read<T: Sendable>(_ operation: String, _ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await perform(operation) { [pool] in try await pool.read(value) }
    }
}
