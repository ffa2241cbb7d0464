import Foundation

/// How `patroli serve` runs the review page.
public struct WebConfiguration: Sendable {
    /// Address to listen on; loopback by default, so the page is not on the network by accident.
    public var host: String
    public var port: Int
    /// Adds `Secure` to cookies when the page is reached over HTTPS through a TLS-terminating
    /// proxy (with `tls` the cookies are always Secure), so the session never travels in clear text.
    public var secureCookies: Bool
    /// Serve HTTPS directly with this certificate chain and key (PEM files).
    public var tls: TLSFiles?
    /// How long a sign-in lasts.
    public var sessionLifetime: Duration
    /// How long "Review next" holds the claimed item (and its cluster) for the officer.
    public var leaseDuration: Duration
    /// Failed sign-ins allowed per account, and per client address, within `loginFailureWindow`
    /// before further attempts are refused without checking the password.
    public var maxFailuresPerAccount: Int
    public var maxFailuresPerAddress: Int
    public var loginFailureWindow: Duration
    /// Items on the queue page.
    public var queuePageSize: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, tls: TLSFiles? = nil,
                sessionLifetime: Duration = .seconds(12 * 3600), leaseDuration: Duration = .seconds(30 * 60),
                maxFailuresPerAccount: Int = 5, maxFailuresPerAddress: Int = 20,
                loginFailureWindow: Duration = .seconds(5 * 60), queuePageSize: Int = 200) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.tls = tls
        self.sessionLifetime = sessionLifetime
        self.leaseDuration = leaseDuration
        self.maxFailuresPerAccount = maxFailuresPerAccount
        self.maxFailuresPerAddress = maxFailuresPerAddress
        self.loginFailureWindow = loginFailureWindow
        self.queuePageSize = queuePageSize
    }
}

extension WebConfiguration {
    /// PEM files for serving HTTPS.
    public struct TLSFiles: Sendable, Hashable {
        public var certificateChain: String
        public var privateKey: String

        public init(certificateChain: String, privateKey: String) {
            self.certificateChain = certificateChain
            self.privateKey = privateKey
        }
    }

    /// Cookies carry `Secure` when the page is served over TLS or `secureCookies` says a proxy does.
    public var cookiesAreSecure: Bool { secureCookies || tls != nil }
}

extension Duration {
    /// Whole seconds (for cookie Max-Age and date arithmetic).
    var wholeSeconds: Int { Int(components.seconds) }
    var timeInterval: TimeInterval { TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18 }
}
