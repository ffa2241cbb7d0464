import Foundation
import Hummingbird
import PatroliQueue

/// Every page but sign-in and the static files needs a live session: without one, the browser is
/// sent to `/login`. Every POST (sign-in included) must carry the form's CSRF token: the
/// session's token, or on the sign-in form the token of its own cookie.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext

    static let sessionCookie = "patroli_session"
    static let signInCookie = "patroli_signin"
    static let csrfField = "csrf"

    let accounts: any AccountStore
    let clock: @Sendable () -> Date
    let secureCookies: Bool

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        var context = context
        let path = request.uri.path
        let isPublic = path == "/login" || path == "/favicon.ico" || path.hasPrefix("/static/")
        if let token = request.cookies[SessionMiddleware.sessionCookie]?.value, !token.isEmpty {
            context.session = try await accounts.session(tokenHash: SessionTokens.hash(token), now: clock())
        }
        if !isPublic && context.session == nil {
            return Response.redirect(to: "/login", type: .normal)
        }
        if request.method == .post {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            let sent = FormFields(String(buffer: body))[SessionMiddleware.csrfField] ?? ""
            let expected = path == "/login"
                ? request.cookies[SessionMiddleware.signInCookie]?.value ?? ""
                : context.session?.csrfToken ?? ""
            guard SessionTokens.equal(sent, expected) else {
                if path == "/login" {
                    return SignInController.expiredForm(secure: secureCookies)
                }
                throw HTTPError(.forbidden, message: "This form has expired. Go back, reload the page and try again.")
            }
        }
        return try await next(request, context)
    }
}
