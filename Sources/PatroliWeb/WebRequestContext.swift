import Hummingbird
import NIOCore
import PatroliQueue

/// Per-request state: the signed-in session (set by `SessionMiddleware`) and the client address
/// (for per-address sign-in limits).
public struct WebRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in officer's session; nil only on the sign-in page and static files.
    public var session: AccountSession?
    /// The client's IP address, or `unknown` (e.g. in router tests).
    public let clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The session; pages behind `SessionMiddleware` always have one.
    func requireSession() throws -> AccountSession {
        guard let session else { throw HTTPError(.unauthorized, message: "Sign in first.") }
        return session
    }
}
