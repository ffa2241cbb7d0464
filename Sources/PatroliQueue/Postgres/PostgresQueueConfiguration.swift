import Foundation

/// Where a PostgreSQL review queue lives, read from a `--queue` URL:
/// `postgres://user:password@host:port/database?sslmode=disable`.
///
/// Follows libpq's URL rules where they matter here: `postgres://` or `postgresql://`;
/// percent-encoded user, password and database (`p%40ss` for `p@ss`); `[::1]` for an IPv6 host;
/// port 5432, user `postgres` and database = user when left out; `sslmode` `disable`, `prefer`
/// (the default: TLS when the server offers it), `require` (TLS without certificate checks),
/// `verify-ca` or `verify-full`. Query parameters `host`, `port`, `user` and `dbname` override the
/// URL's parts; `host=/run/postgresql` (a directory) connects through the server's Unix-domain
/// socket, as with libpq. `pool_max=N` caps the connections this process opens (default 8).
public struct PostgresQueueConfiguration: Sendable, Hashable {
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        case disable
        case prefer
        case require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    /// A directory holding the server's socket (`.s.PGSQL.<port>`), used instead of TCP when set.
    public var unixSocketDirectory: String?
    public var username: String
    public var password: String?
    public var database: String
    public var tlsMode: TLSMode
    /// Most connections the store opens at once.
    public var maximumConnections: Int

    public static let defaultPort = 5432
    public static let defaultUsername = "postgres"
    public static let defaultMaximumConnections = 8

    public init(host: String = "127.0.0.1", port: Int = PostgresQueueConfiguration.defaultPort,
                unixSocketDirectory: String? = nil, username: String = PostgresQueueConfiguration.defaultUsername,
                password: String? = nil, database: String? = nil, tlsMode: TLSMode = .prefer,
                maximumConnections: Int = PostgresQueueConfiguration.defaultMaximumConnections) {
        self.host = host
        self.port = port
        self.unixSocketDirectory = unixSocketDirectory
        self.username = username
        self.password = password
        self.database = database ?? username
        self.tlsMode = tlsMode
        self.maximumConnections = max(1, maximumConnections)
    }

    /// True for the URL schemes this type reads (`postgres:`, `postgresql:`).
    public static func isPostgresURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Reads a `postgres://` URL; throws `ReviewStoreError.invalidArgument` naming what is wrong.
    public init(url text: String) throws {
        guard PostgresQueueConfiguration.isPostgresURL(text) else {
            throw PostgresQueueConfiguration.invalid(text, "it must start with `postgres://` or `postgresql://`")
        }
        guard let components = URLComponents(string: text) else {
            throw PostgresQueueConfiguration.invalid(
                text, "it is not a valid URL (percent-encode special characters in the password, e.g. `@` as `%40`)")
        }
        var host = components.percentEncodedHost.flatMap { $0.removingPercentEncoding } ?? ""
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        var port = components.port ?? PostgresQueueConfiguration.defaultPort
        var username = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? ""
        let password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        var path = components.percentEncodedPath
        if path.hasPrefix("/") { path.removeFirst() }
        guard !path.contains("/") else {
            throw PostgresQueueConfiguration.invalid(text, "the path must be one database name, not `\(path)`")
        }
        var database = path.removingPercentEncoding ?? path

        var tlsMode = TLSMode.prefer
        var socketDirectory: String?
        var maximumConnections = PostgresQueueConfiguration.defaultMaximumConnections
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw PostgresQueueConfiguration.invalid(
                        text, "sslmode `\(value)` is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tlsMode = mode
            case "host":
                if value.hasPrefix("/") { socketDirectory = value } else if !value.isEmpty { host = value }
            case "port":
                guard let number = Int(value) else {
                    throw PostgresQueueConfiguration.invalid(text, "port `\(value)` is not a number")
                }
                port = number
            case "user":
                if !value.isEmpty { username = value }
            case "dbname":
                if !value.isEmpty { database = value }
            case "pool_max":
                guard let number = Int(value), number >= 1 else {
                    throw PostgresQueueConfiguration.invalid(text, "`pool_max` must be a whole number of at least 1, not `\(value)`")
                }
                maximumConnections = number
            case "application_name", "connect_timeout":
                continue
            default:
                throw PostgresQueueConfiguration.invalid(
                    text, "unknown parameter `\(item.name)` (known: sslmode, host, port, user, dbname, pool_max)")
            }
        }
        guard (1...65_535).contains(port) else {
            throw PostgresQueueConfiguration.invalid(text, "port \(port) is outside 1…65535")
        }
        guard !host.isEmpty || socketDirectory != nil else {
            throw PostgresQueueConfiguration.invalid(text, "it names no host (e.g. `postgres://patroli@db.example:5432/patroli`)")
        }
        if username.isEmpty { username = PostgresQueueConfiguration.defaultUsername }
        self.init(host: host.isEmpty ? "localhost" : host, port: port, unixSocketDirectory: socketDirectory,
                  username: username, password: password, database: database.isEmpty ? nil : database,
                  tlsMode: tlsMode, maximumConnections: maximumConnections)
    }

    /// The URL without its password, for messages and logs.
    public var redactedURL: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = username
        if password != nil { components.password = "***" }
        components.host = host.contains(":") ? "[\(host)]" : host
        components.port = port
        components.path = "/" + database
        var text = components.string ?? "postgres://\(username)@\(host):\(port)/\(database)"
        if let unixSocketDirectory { text += "?host=\(unixSocketDirectory)" }
        return text
    }

    private static func invalid(_ url: String, _ reason: String) -> ReviewStoreError {
        .invalidArgument("invalid PostgreSQL queue URL `\(redact(url))`: \(reason) "
            + "(expected postgres://USER:PASSWORD@HOST:PORT/DATABASE)")
    }

    /// `url` with the password part replaced by `***`, for error messages.
    static func redact(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://"), let at = url.range(of: "@", options: .backwards),
              schemeEnd.upperBound <= at.lowerBound else { return url }
        let credentials = url[schemeEnd.upperBound..<at.lowerBound]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<credentials.index(after: colon)]) + "***" + String(url[at.lowerBound...])
    }
}
