import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import PatroliQueue

/// Builds the review page's web application: routes, middleware and the server configuration.
/// `patroli serve` runs it; tests drive it with HummingbirdTesting.
///
/// - Parameters:
///   - store: the review queue.
///   - accounts: officers' accounts and sessions (normally the same database as `store`).
///   - hasher: checks passwords (its cost only matters for the decoy hash of unknown accounts).
///   - clock: the current time, replaceable in tests.
///   - onServerRunning: called once the server listens (with the bound address).
public func buildApplication(
    configuration: WebConfiguration, store: any ReviewStore, accounts: any AccountStore,
    hasher: PasswordHasher = PasswordHasher(), logger: Logger = Logger(label: "patroli.serve"),
    clock: @escaping @Sendable () -> Date = { Date() },
    onServerRunning: @escaping @Sendable (String) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let router = await buildRouter(configuration: configuration, store: store, accounts: accounts, hasher: hasher,
                                   clock: clock)
    return Application(
        router: router,
        server: try serverBuilder(configuration.tls),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "patroli"),
        onServerRunning: { channel in
            let address = channel.localAddress
            await onServerRunning("\(address?.ipAddress ?? configuration.host):\(address?.port ?? configuration.port)")
        },
        logger: logger)
}

/// Plain HTTP/1.1, or HTTPS with the certificate chain and key of `tls`.
func serverBuilder(_ tls: WebConfiguration.TLSFiles?) throws -> HTTPServerBuilder {
    guard let tls else { return .http1() }
    do {
        let chain = try NIOSSLCertificate.fromPEMFile(tls.certificateChain).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: tls.privateKey, format: .pem)
        return try .tls(.http1(), tlsConfiguration: .makeServerConfiguration(certificateChain: chain,
                                                                            privateKey: .privateKey(key)))
    } catch {
        throw WebConfigurationError(
            "cannot read the TLS certificate `\(tls.certificateChain)` or key `\(tls.privateKey)`: \(error) "
            + "(hint: both must be PEM files readable by this user)")
    }
}

/// A setting `patroli serve` cannot use, and what to do about it.
public struct WebConfigurationError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// The router alone (see `buildApplication`).
public func buildRouter(
    configuration: WebConfiguration, store: any ReviewStore, accounts: any AccountStore,
    hasher: PasswordHasher, clock: @escaping @Sendable () -> Date
) async -> Router<WebRequestContext> {
    let router = Router(context: WebRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware())
    router.add(middleware: SessionMiddleware(accounts: accounts, clock: clock, secureCookies: configuration.cookiesAreSecure))
    StaticAssets.addRoutes(to: router)
    let decoyHash = await hasher.hash(SessionTokens.random())
    SignInController(accounts: accounts, configuration: configuration, hasher: hasher, clock: clock, decoyHash: decoyHash)
        .addRoutes(to: router)
    ReviewController(store: store, configuration: configuration, clock: clock).addRoutes(to: router)
    return router
}
