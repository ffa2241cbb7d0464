import Foundation

/// Opens the review queue a `--queue` value names.
///
/// - `postgres://user:password@host:port/database` or `postgresql://…`: the shared PostgreSQL
///   queue (`PostgresReviewStore`; see `PostgresQueueConfiguration` for the URL's options).
/// - `sqlite:path`, `sqlite://path`, `sqlite:///absolute/path` or a plain file path: the embedded
///   SQLite queue (`SQLiteReviewStore`), created when missing.
///
/// The store is not migrated yet: call `migrate()` before use.
public enum ReviewStoreFactory {
    /// Where a `--queue` value points.
    public enum Location: Sendable, Hashable {
        case sqlite(path: String)
        case postgres(PostgresQueueConfiguration)
    }

    /// Reads a `--queue` value without opening anything.
    public static func location(of url: String) throws -> Location {
        let trimmed = url.trimmingSpaces()
        guard !trimmed.isEmpty else {
            throw ReviewStoreError.invalidArgument(
                "the review queue location is empty (hint: a file path such as `patroli.db`, or postgres://USER:PASSWORD@HOST:PORT/DATABASE)")
        }
        if PostgresQueueConfiguration.isPostgresURL(trimmed) {
            return .postgres(try PostgresQueueConfiguration(url: trimmed))
        }
        let lowered = trimmed.lowercased()
        if lowered.hasPrefix("sqlite:") {
            var path = String(trimmed.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else {
                throw ReviewStoreError.invalidArgument("`\(trimmed)` names no SQLite file (e.g. `sqlite:patroli.db`)")
            }
            return .sqlite(path: path.removingPercentEncoding ?? path)
        }
        if let schemeEnd = trimmed.range(of: "://") {
            let scheme = trimmed[..<schemeEnd.lowerBound]
            if !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) {
                throw ReviewStoreError.invalidArgument(
                    "unsupported review queue URL scheme `\(scheme)://` (use a file path or sqlite: for SQLite, "
                    + "postgres:// for PostgreSQL)")
            }
        }
        return .sqlite(path: trimmed)
    }

    /// Opens the store `url` names (see the type's documentation).
    public static func make(url: String, clustering: Clustering = Clustering()) throws -> any ReviewAndAccountStore {
        switch try location(of: url) {
        case .sqlite(let path):
            return try SQLiteReviewStore(path: path, clustering: clustering)
        case .postgres(let configuration):
            return PostgresReviewStore(configuration: configuration, clustering: clustering)
        }
    }
}
