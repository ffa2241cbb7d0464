import ArgumentParser
import Foundation
import PatroliQueue
import PatroliWeb

/// `patroli serve`: the review page for officers, on the same queue as `patroli review`.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the review page: officers sign in and work the queue from a browser.",
        discussion: """
            Add accounts first with `patroli users add NAME --role reviewer`. The page listens on \
            127.0.0.1 by default; to let other machines in, serve HTTPS (--tls-certificate and \
            --tls-key), or put it behind an HTTPS reverse proxy and pass --secure-cookies.
            """)
    @OptionGroup var queue: QueueOptions
    @Option(name: .long, help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(name: .long, help: "Port to listen on.") var port: Int = 8080
    @Flag(name: .long, help: "Mark cookies Secure (set when browsers reach the page over HTTPS, e.g. through a TLS proxy).")
    var secureCookies = false
    @Option(name: .long, help: ArgumentHelp("Serve HTTPS with this PEM certificate chain (with --tls-key).", valueName: "pem"))
    var tlsCertificate: String?
    @Option(name: .long, help: ArgumentHelp("The PEM private key of --tls-certificate.", valueName: "pem"))
    var tlsKey: String?
    @Option(name: .long, help: "How long a claimed item stays with its officer, in minutes.") var leaseMinutes: Int = 30
    @Option(name: .long, help: "How long a sign-in lasts, in hours.") var sessionHours: Int = 12

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535 (got \(port))") }
        guard (1...1440).contains(leaseMinutes) else { throw ValidationError("--lease-minutes must be between 1 and 1440") }
        guard (tlsCertificate == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-certificate and --tls-key go together (a PEM certificate chain and its key)")
        }
        guard (1...168).contains(sessionHours) else { throw ValidationError("--session-hours must be between 1 and 168") }
    }

    func run() throws {
        let store = try queue.open()
        let accountCount = try blockingCall { try await store.accounts().count }
        if accountCount == 0 {
            Console.error("no accounts yet: nobody could sign in. Add one with `patroli users add NAME --role reviewer --queue \(redacted(queue.queue))`")
        }
        let configuration = WebConfiguration(
            host: host, port: port, secureCookies: secureCookies,
            tls: tlsCertificate.map { WebConfiguration.TLSFiles(certificateChain: $0, privateKey: tlsKey ?? "") },
            sessionLifetime: .seconds(sessionHours * 3600),
            leaseDuration: .seconds(leaseMinutes * 60))
        let secure = configuration.tls != nil
        do {
            try blockingCall {
                let app = try await buildApplication(
                    configuration: configuration, store: store, accounts: store,
                    onServerRunning: { address in
                        let scheme = secure ? "https" : "http"
                        FileHandle.standardOutput.write(Data("review page on \(scheme)://\(address)/ (Ctrl-C to stop)\n".utf8))
                    })
                try await app.runService()
            }
        } catch {
            Console.error("the review page stopped: \(error) (hint: is port \(port) already in use? try --port)")
            throw ExitCode(2)
        }
    }
}
