import Foundation
import PatroliQueue
import PostgresNIO
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real, throw-away PostgreSQL server for the tests: Debian's `initdb` into a new temporary
/// folder, `pg_ctl start` on 127.0.0.1 with a free port, one new database per test, and
/// `pg_ctl stop` plus removal of the folder at the end.
///
/// PostgreSQL refuses to run as root. When the tests run as root (as CI does), every server
/// command runs as the `postgres` system user that Debian's package creates (else `nobody`)
/// through `runuser -u USER --` (util-linux; `su` when it is missing), and the temporary folder
/// is handed to that user.
///
/// Cleanup happens on every path: `PostgresServerTrait` stops the server when the suite ends,
/// passed or failed; a small detached watchdog stops it and removes the folder if the test
/// process dies without doing so (a crash, `kill -9`).
///
/// Binaries: `$PATROLI_POSTGRES_BIN` when set (a folder holding `initdb`, `pg_ctl` and `postgres`;
/// only that folder is tried), else the newest
/// `/usr/lib/postgresql/*/bin`, else `initdb` on `PATH`. Missing binaries skip the tests with a
/// message, except under `CI=true`, where they fail: CI must install Debian's `postgresql`.
public final class PostgresTestServer: Sendable {
    /// The server of the running suite, set by `PostgresServerTrait`.
    @TaskLocal public static var current: PostgresTestServer?

    public static let username = "patroli_test"

    let binDirectory: String
    let root: String
    let dataDirectory: String
    public let port: Int
    let password: String
    /// The system user that runs the server when the tests run as root.
    let runAs: String?
    private let databaseCounter = DatabaseCounter()

    // MARK: Finding the binaries

    public static var isCI: Bool {
        let value = ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? ""
        return !value.isEmpty && value != "0" && value != "false"
    }

    /// The folder holding `initdb`, `pg_ctl` and `postgres`, or nil.
    static let binDirectoryFound: String? = {
        let fileManager = FileManager.default
        func complete(_ directory: String) -> Bool {
            ["initdb", "pg_ctl", "postgres"].allSatisfy { fileManager.isExecutableFile(atPath: directory + "/" + $0) }
        }
        if let override = ProcessInfo.processInfo.environment["PATROLI_POSTGRES_BIN"], !override.isEmpty {
            return complete(override) ? override : nil
        }
        let debianRoot = "/usr/lib/postgresql"
        let versions = ((try? fileManager.contentsOfDirectory(atPath: debianRoot)) ?? [])
            .filter { complete("\(debianRoot)/\($0)/bin") }
            .sorted { (Double($0) ?? 0) > (Double($1) ?? 0) }
        if let newest = versions.first { return "\(debianRoot)/\(newest)/bin" }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            if complete(String(directory)) { return String(directory) }
        }
        return nil
    }()

    /// Run the PostgreSQL tests when the server can be started, and always on CI (where missing
    /// binaries must fail, not skip).
    public static var shouldRun: Bool { binDirectoryFound != nil || isCI }

    public static let skipMessage: Comment = """
        PostgreSQL server binaries (initdb, pg_ctl) not found: skipping the PostgreSQL review-queue tests. \
        Install Debian's `postgresql` package (apt-get install postgresql) or set PATROLI_POSTGRES_BIN to run them.
        """

    // MARK: Starting and stopping

    private init(binDirectory: String, root: String, port: Int, password: String, runAs: String?) {
        self.binDirectory = binDirectory
        self.root = root
        self.dataDirectory = root + "/data"
        self.port = port
        self.password = password
        self.runAs = runAs
    }

    /// Creates the cluster and starts the server; throws with the server's log when it cannot.
    public static func start() throws -> PostgresTestServer {
        guard let binDirectory = binDirectoryFound else {
            throw PostgresTestServerError(
                "CI is set but the PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found under "
                + "/usr/lib/postgresql/*/bin or PATH: install Debian's `postgresql` package "
                + "(`make deps`, or apt-get install -y postgresql)")
        }
        let runAs = geteuid() == 0 ? serviceUser() : nil
        let root = try makeRoot(owner: runAs)
        startWatchdog(binDirectory: binDirectory, root: root, runAs: runAs)
        let password = randomPassword()
        do {
            let passwordFile = root + "/password"
            try writeFile(passwordFile, contents: password + "\n", owner: runAs)
            try runCommand(binDirectory + "/initdb", [
                "-D", root + "/data", "-U", username, "--pwfile=" + passwordFile,
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync",
            ], runAs: runAs, workingDirectory: root, log: root + "/initdb.log")
            var lastError: (any Error)?
            for _ in 0..<5 {
                let port = try freeLoopbackPort()
                let server = PostgresTestServer(binDirectory: binDirectory, root: root, port: port,
                                                password: password, runAs: runAs)
                do {
                    try server.startServer()
                    return server
                } catch {
                    lastError = error
                }
            }
            throw lastError ?? PostgresTestServerError("the server did not start")
        } catch {
            _ = try? runCommand(binDirectory + "/pg_ctl", ["-D", root + "/data", "-m", "immediate", "stop"],
                                runAs: runAs, workingDirectory: root, log: root + "/pg_ctl-stop.log")
            try? FileManager.default.removeItem(atPath: root)
            throw error
        }
    }

    private func startServer() throws {
        let options = [
            "-c listen_addresses=127.0.0.1", "-p \(port)", "-k \(root)",
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
            "-c max_connections=200", "-c shared_buffers=32MB",
        ].joined(separator: " ")
        do {
            try PostgresTestServer.runCommand(
                binDirectory + "/pg_ctl",
                ["-D", dataDirectory, "-l", root + "/server.log", "-w", "-t", "60", "-o", options, "start"],
                runAs: runAs, workingDirectory: root, log: root + "/pg_ctl-start.log")
        } catch {
            let serverLog = (try? String(contentsOfFile: root + "/server.log", encoding: .utf8)) ?? ""
            // pg_ctl may have left a half-started server behind.
            _ = try? PostgresTestServer.runCommand(
                binDirectory + "/pg_ctl", ["-D", dataDirectory, "-m", "immediate", "stop"],
                runAs: runAs, workingDirectory: root, log: root + "/pg_ctl-stop.log")
            throw PostgresTestServerError("\(error)\nserver log:\n\(serverLog.suffix(4000))")
        }
    }

    /// Stops the server and removes its folder. Safe to call more than once.
    public func stop() {
        _ = try? PostgresTestServer.runCommand(
            binDirectory + "/pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "-t", "30", "stop"],
            runAs: runAs, workingDirectory: root, log: root + "/pg_ctl-stop.log")
        try? FileManager.default.removeItem(atPath: root)
    }

    /// A detached shell (its own session, so a Ctrl-C or a killed test run does not take it
    /// along) that waits for this test process to end, then stops the server and removes the
    /// folder if that has not happened yet: the process crashed, hung and was killed, or exited
    /// before the suite's end.
    private static func startWatchdog(binDirectory: String, root: String, runAs: String?) {
        let stop = commandLine(binDirectory + "/pg_ctl", ["-D", root + "/data", "-m", "immediate", "stop"], runAs: runAs)
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            if [ -d \(shellQuote(root)) ]; then \(stop) >/dev/null 2>&1; rm -rf \(shellQuote(root)); fi
            """
        _ = try? ChildProcess.spawn("/bin/sh", ["-c", script], output: "/dev/null", workingDirectory: "/",
                                    newSession: true)
    }

    // MARK: Databases and stores

    /// The URL of `database` on this server, with the test user's password.
    public func url(database: String) -> String {
        "postgres://\(PostgresTestServer.username):\(password)@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// Creates a new, empty database and returns its name.
    public func makeDatabase() async throws -> String {
        let name = "patroli_test_\(databaseCounter.next())"
        _ = try await withAdminConnection { connection, logger in
            // A database name cannot be a bound parameter; `name` is made above from digits only.
            try await connection.query("CREATE DATABASE \(unescaped: name) TEMPLATE template0 ENCODING 'UTF8'",
                                       logger: logger)
        }
        return name
    }

    /// A migrated store on a new, empty database.
    public func makeStore(clustering: Clustering = Clustering()) async throws -> PostgresReviewStore {
        let store = try PostgresReviewStore(url: url(database: try await makeDatabase()), clustering: clustering)
        do {
            try await store.migrate()
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    /// Runs `body` with a new migrated store and closes the store afterwards, also when it throws.
    public func withStore<T: Sendable>(clustering: Clustering = Clustering(),
                                _ body: (PostgresReviewStore) async throws -> T) async throws -> T {
        let store = try await makeStore(clustering: clustering)
        do {
            let value = try await body(store)
            await store.close()
            return value
        } catch {
            await store.close()
            throw error
        }
    }

    /// A plain connection to `database` (default: the server's `postgres` database), for checks
    /// that go around the store. Closed when `body` returns.
    public func withAdminConnection<T: Sendable>(
        database: String = "postgres",
        _ body: (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "patroli.tests.postgres")
        logger.logLevel = .critical
        let configuration = PostgresConnection.Configuration(
            host: "127.0.0.1", port: port, username: PostgresTestServer.username, password: password,
            database: database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            let value = try await body(connection, logger)
            try await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }

    // MARK: Helpers

    /// `postgres` when that system user exists (Debian's package creates it), else `nobody`.
    private static func serviceUser() -> String {
        getpwnam("postgres") != nil ? "postgres" : "nobody"
    }

    private static func makeRoot(owner: String?) throws -> String {
        // Short and under /tmp: the server's socket path must stay under 108 bytes.
        var template = Array("/tmp/patroli-pg-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw PostgresTestServerError("could not create a temporary folder under /tmp (errno \(errno))") }
        let root = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        try changeOwner(root, to: owner)
        return root
    }

    private static func writeFile(_ path: String, contents: String, owner: String?) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(contents.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw PostgresTestServerError("could not write \(path)")
        }
        try changeOwner(path, to: owner)
    }

    private static func changeOwner(_ path: String, to user: String?) throws {
        guard let user else { return }
        guard let entry = getpwnam(user) else { throw PostgresTestServerError("no system user `\(user)`") }
        guard chown(path, entry.pointee.pw_uid, entry.pointee.pw_gid) == 0 else {
            throw PostgresTestServerError("could not hand \(path) to `\(user)` (errno \(errno))")
        }
    }

    private static func freeLoopbackPort() throws -> Int {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw PostgresTestServerError("socket() failed (errno \(errno))") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw PostgresTestServerError("could not find a free port on 127.0.0.1 (errno \(errno))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        return String((0..<24).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }

    /// `executable arguments…` as a shell command line, run as `runAs` when set.
    private static func commandLine(_ executable: String, _ arguments: [String], runAs: String?) -> String {
        let command = ([executable] + arguments).map(shellQuote).joined(separator: " ")
        guard let runAs else { return command }
        let (launcher, launcherArguments) = PostgresTestServer.runAsCommand(user: runAs, command: [executable] + arguments)
        return ([launcher] + launcherArguments).map(shellQuote).joined(separator: " ")
    }

    /// The program and arguments that run `command` as `user`: `runuser -u USER -- command…`,
    /// or `su -s /bin/sh USER -c 'command…'` where util-linux's runuser is missing.
    private static func runAsCommand(user: String, command: [String]) -> (String, [String]) {
        if let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return (runuser, ["-u", user, "--"] + command)
        }
        return ("/bin/su", ["-s", "/bin/sh", user, "-c", command.map(shellQuote).joined(separator: " ")])
    }

    /// Runs a server command to its end, with its output in `log`; throws with that output when
    /// it fails. (Not Foundation's `Process`: on Linux it notices a child's end through a
    /// descriptor the child inherits, and the server that `pg_ctl start` leaves running keeps that
    /// descriptor open, so `waitUntilExit()` would never return.)
    @discardableResult
    private static func runCommand(_ executable: String, _ arguments: [String], runAs: String?,
                                   workingDirectory: String, log: String) throws -> Int32 {
        var program = executable
        var programArguments = arguments
        if let runAs {
            (program, programArguments) = runAsCommand(user: runAs, command: [executable] + arguments)
        }
        let status = try ChildProcess.spawn(program, programArguments, output: log, workingDirectory: workingDirectory,
                                            newSession: false).wait()
        guard status == 0 else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let shown = ([executable] + arguments).joined(separator: " ")
            throw PostgresTestServerError(
                "`\(shown)`\(runAs.map { " (as \($0))" } ?? "") exited with status \(status):\n\(text.suffix(4000))")
        }
        return status
    }
}

public struct PostgresTestServerError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Hands out database numbers.
private final class DatabaseCounter: Sendable {
    private let value = Mutex(0)

    func next() -> Int {
        value.withLock { count in
            count += 1
            return count
        }
    }
}

/// Starts one `PostgresTestServer` around a whole suite (nested suites included) and stops it
/// when the suite ends, whatever its outcome. Tests reach it as `PostgresTestServer.current`.
public struct PostgresServerTrait: SuiteTrait, TestScoping {
    public init() {}

    public var isRecursive: Bool { false }

    public func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        let server = try PostgresTestServer.start()
        defer { server.stop() }
        try await PostgresTestServer.$current.withValue(server) {
            try await function()
        }
    }
}

extension Trait where Self == PostgresServerTrait {
    /// A real PostgreSQL server for this suite (see `PostgresTestServer`).
    public static var postgresServer: Self { Self() }
}

extension PostgresTestServer {
    /// The suite's server, or a failure naming the missing trait.
    public static func required() throws -> PostgresTestServer {
        guard let server = current else {
            throw PostgresTestServerError("no PostgreSQL test server: run this test inside a suite with `.postgresServer`")
        }
        return server
    }
}
