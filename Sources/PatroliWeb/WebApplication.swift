import Foundation
import Hummingbird
import Logging
import NIOCore
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
) async -> some ApplicationProtocol {
    let router = await buildRouter(configuration: configuration, store: store, accounts: accounts, hasher: hasher,
                                   clock: clock)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "patroli"),
        onServerRunning: { channel in
            let address = channel.localAddress
            await onServerRunning("\(address?.ipAddress ?? configuration.host):\(address?.port ?? configuration.port)")
        },
        logger: logger)
}

/// The router alone (see `buildApplication`).
public func buildRouter(
    configuration: WebConfiguration, store: any ReviewStore, accounts: any AccountStore,
    hasher: PasswordHasher, clock: @escaping @Sendable () -> Date
) async -> Router<WebRequestContext> {
    let router = Router(context: WebRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware())
    router.add(middleware: SessionMiddleware(accounts: accounts, clock: clock, secureCookies: configuration.secureCookies))
    StaticAssets.addRoutes(to: router)
    let decoyHash = await hasher.hash(SessionTokens.random())
    SignInController(accounts: accounts, configuration: configuration, hasher: hasher, clock: clock, decoyHash: decoyHash)
        .addRoutes(to: router)
    ReviewController(store: store, configuration: configuration, clock: clock).addRoutes(to: router)
    return router
}
