import Foundation
import PatroliQueue
import Testing

@Suite("PostgreSQL queue URLs and the store factory")
struct PostgresQueueConfigurationTests {
    @Test func fullURLIsReadIntoItsParts() throws {
        let configuration = try PostgresQueueConfiguration(url: "postgres://officer:s3cret@db.polri.example:6543/patroli")
        #expect(configuration.host == "db.polri.example")
        #expect(configuration.port == 6543)
        #expect(configuration.username == "officer")
        #expect(configuration.password == "s3cret")
        #expect(configuration.database == "patroli")
        #expect(configuration.tlsMode == .prefer)
        #expect(configuration.unixSocketDirectory == nil)
    }

    @Test func postgresqlSchemeIsAcceptedInAnyCase() throws {
        let configuration = try PostgresQueueConfiguration(url: "POSTGRESQL://officer@localhost/queue")
        #expect(configuration.username == "officer")
        #expect(configuration.database == "queue")
    }

    @Test func missingPortUserAndDatabaseTakeLibpqDefaults() throws {
        let configuration = try PostgresQueueConfiguration(url: "postgres://db.example")
        #expect(configuration.port == 5432)
        #expect(configuration.username == "postgres")
        #expect(configuration.password == nil)
        #expect(configuration.database == "postgres")

        let named = try PostgresQueueConfiguration(url: "postgres://patroli@db.example")
        #expect(named.database == "patroli")
    }

    @Test func percentEncodedCredentialsAndDatabaseAreDecoded() throws {
        let configuration = try PostgresQueueConfiguration(url: "postgres://unit%2Fjakarta:p%40ss%3Aw%2Ford@db:5432/queue%20one")
        #expect(configuration.username == "unit/jakarta")
        #expect(configuration.password == "p@ss:w/ord")
        #expect(configuration.database == "queue one")
    }

    @Test func bracketedIPv6HostLosesItsBrackets() throws {
        let configuration = try PostgresQueueConfiguration(url: "postgres://patroli:pw@[::1]:5433/patroli")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 5433)
    }

    @Test func queryParametersSetTLSSocketAndPool() throws {
        let configuration = try PostgresQueueConfiguration(
            url: "postgres://patroli@/patroli?host=/run/postgresql&sslmode=disable&pool_max=3")
        #expect(configuration.unixSocketDirectory == "/run/postgresql")
        #expect(configuration.tlsMode == .disable)
        #expect(configuration.maximumConnections == 3)
        for mode in PostgresQueueConfiguration.TLSMode.allCases {
            #expect(try PostgresQueueConfiguration(url: "postgres://h/d?sslmode=\(mode.rawValue)").tlsMode == mode)
        }
    }

    @Test(arguments: [
        ("mysql://user@host/db", "postgres://"),
        ("postgres://user:pw@host:99999/db", "port"),
        ("postgres://user:pw@host/db/extra", "one database name"),
        ("postgres://user:pw@host/db?sslmode=sometimes", "sslmode `sometimes`"),
        ("postgres://user:pw@host/db?color=blue", "unknown parameter `color`"),
        ("postgres://user:pw@host/db?pool_max=0", "pool_max"),
        ("postgres:///db", "names no host"),
    ])
    func badURLsAreRejectedWithTheReason(url: String, reason: String) {
        #expect {
            try PostgresQueueConfiguration(url: url)
        } throws: { error in
            guard case .invalidArgument(let message) = error as? ReviewStoreError else { return false }
            return message.contains(reason) && message.contains("postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
    }

    @Test func errorMessagesAndRedactedURLsNeverShowThePassword() throws {
        let configuration = try PostgresQueueConfiguration(url: "postgres://officer:hunter2@db:5432/patroli")
        #expect(!configuration.redactedURL.contains("hunter2"))
        #expect(configuration.redactedURL.contains("officer"))
        #expect(configuration.redactedURL.contains("db:5432/patroli"))
        #expect {
            try PostgresQueueConfiguration(url: "postgres://officer:hunter2@db/patroli?color=blue")
        } throws: { error in
            !"\(error)".contains("hunter2")
        }
    }

    @Test func factoryReadsPathsAndSQLiteURLsAsSQLite() throws {
        #expect(try ReviewStoreFactory.location(of: "patroli.db") == .sqlite(path: "patroli.db"))
        #expect(try ReviewStoreFactory.location(of: "/var/lib/patroli/queue.db") == .sqlite(path: "/var/lib/patroli/queue.db"))
        #expect(try ReviewStoreFactory.location(of: "sqlite:queue.db") == .sqlite(path: "queue.db"))
        #expect(try ReviewStoreFactory.location(of: "sqlite://queue.db") == .sqlite(path: "queue.db"))
        #expect(try ReviewStoreFactory.location(of: "sqlite:///tmp/queue.db") == .sqlite(path: "/tmp/queue.db"))
    }

    @Test func factoryReadsPostgresURLsAsPostgres() throws {
        let location = try ReviewStoreFactory.location(of: "postgresql://officer:pw@db:5432/patroli")
        #expect(location == .postgres(try PostgresQueueConfiguration(url: "postgres://officer:pw@db:5432/patroli")))
    }

    @Test func factoryRejectsEmptyAndUnknownLocations() {
        #expect(throws: ReviewStoreError.self) { try ReviewStoreFactory.location(of: "  ") }
        #expect(throws: ReviewStoreError.self) { try ReviewStoreFactory.location(of: "sqlite:") }
        #expect {
            try ReviewStoreFactory.location(of: "mysql://officer@db/patroli")
        } throws: { error in
            "\(error)".contains("unsupported review queue URL scheme `mysql://`")
        }
    }

    @Test func factoryMakesTheStoreTheURLNames() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patroli-factory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sqlite = try ReviewStoreFactory.make(url: "sqlite:" + folder.appendingPathComponent("queue.db").path)
        #expect(sqlite is SQLiteReviewStore)
        // Creating a PostgreSQL store connects lazily: no server is needed to make one.
        let postgres = try ReviewStoreFactory.make(url: "postgres://officer:pw@127.0.0.1:9/patroli")
        #expect(postgres is PostgresReviewStore)
    }
}
