import Foundation
import Hummingbird
import PatroliQueue

/// Sign-in, sign-out and the sign-in limits.
///
/// A sign-in is refused without checking the password once the account, or the client address,
/// has `maxFailuresPerAccount` / `maxFailuresPerAddress` failures within `loginFailureWindow`
/// (counted in the store, so every server on one queue shares them). Unknown accounts cost the
/// same bcrypt work as known ones, so timing does not reveal which names exist.
struct SignInController: Sendable {
    let accounts: any AccountStore
    let configuration: WebConfiguration
    let hasher: PasswordHasher
    let clock: @Sendable () -> Date
    /// A hash of a random password, verified against when the account does not exist.
    let decoyHash: String

    func addRoutes(to router: Router<WebRequestContext>) {
        router.get("/login") { request, context in
            if context.session != nil { return Response.redirect(to: "/", type: .normal) }
            // Keep the browser's form token when it has one: other tabs (and the browser's own
            // requests, such as for a favicon, that end here) must not invalidate an open form.
            let existing = request.cookies[SessionMiddleware.signInCookie]?.value
            return SignInController.freshForm(secure: configuration.cookiesAreSecure,
                                              token: existing.flatMap(SessionTokens.wellFormed))
        }
        router.post("/login") { request, context in try await signIn(request, context: context) }
        router.post("/logout") { request, context in
            if let token = request.cookies[SessionMiddleware.sessionCookie]?.value {
                try await accounts.deleteSession(tokenHash: SessionTokens.hash(token))
            }
            var response = Response.redirect(to: "/login", type: .normal)
            response.setCookie(cookie(SessionMiddleware.sessionCookie, value: "", maxAge: 0))
            return response
        }
    }

    private func signIn(_ request: Request, context: WebRequestContext) async throws -> Response {
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let name = form["name"] ?? ""
        let password = form["password"] ?? ""
        let formToken = request.cookies[SessionMiddleware.signInCookie]?.value ?? ""
        let now = clock()
        let windowStart = now.addingTimeInterval(-configuration.loginFailureWindow.timeInterval)
        let accountKey = "account:" + name
        let addressKey = "address:" + context.clientAddress
        let accountFailures = try await accounts.loginFailures(key: accountKey, since: windowStart)
        let addressFailures = try await accounts.loginFailures(key: addressKey, since: windowStart)
        if accountFailures >= configuration.maxFailuresPerAccount || addressFailures >= configuration.maxFailuresPerAddress {
            context.logger.warning("sign-in refused: too many failures", metadata: ["address": "\(context.clientAddress)"])
            let minutes = max(1, configuration.loginFailureWindow.wholeSeconds / 60)
            return Pages.response(SignInPage.render(
                formToken: formToken, name: name,
                message: "Too many failed sign-ins. Wait \(minutes) minutes and try again, or ask an admin."),
                status: .tooManyRequests)
        }
        let account = name.isEmpty ? nil : try await accounts.account(name: name)
        let matches = await hasher.verify(password, hash: account?.passwordHash ?? decoyHash)
        guard let account, matches else {
            try await accounts.recordLoginFailure(key: accountKey, at: now)
            try await accounts.recordLoginFailure(key: addressKey, at: now)
            return Pages.response(SignInPage.render(formToken: formToken, name: name,
                                                    message: "Wrong account name or password."),
                                  status: .unauthorized)
        }
        try await accounts.clearLoginFailures(key: accountKey, before: windowStart)
        let token = SessionTokens.random()
        try await accounts.createSession(AccountSession(
            tokenHash: SessionTokens.hash(token), account: account.name, role: account.role,
            csrfToken: SessionTokens.random(),
            expiresAt: now.addingTimeInterval(configuration.sessionLifetime.timeInterval)))
        _ = try? await accounts.deleteExpiredSessions(now: now)
        var response = Response.redirect(to: "/", type: .normal)
        response.setCookie(cookie(SessionMiddleware.sessionCookie, value: token,
                                  maxAge: configuration.sessionLifetime.wholeSeconds))
        response.setCookie(cookie(SessionMiddleware.signInCookie, value: "", maxAge: 0))
        return response
    }

    private func cookie(_ name: String, value: String, maxAge: Int) -> Cookie {
        SignInController.cookie(name, value: value, maxAge: maxAge, secure: configuration.cookiesAreSecure)
    }

    static func cookie(_ name: String, value: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The sign-in page with its form token (`token`, else a new one) in its cookie.
    static func freshForm(secure: Bool, token: String? = nil, message: String? = nil,
                          status: HTTPResponse.Status = .ok) -> Response {
        let token = token ?? SessionTokens.random()
        var response = Pages.response(SignInPage.render(formToken: token, message: message), status: status)
        response.setCookie(cookie(SessionMiddleware.signInCookie, value: token, maxAge: 3600, secure: secure))
        return response
    }

    /// A sign-in POST without a matching form token (an old tab, or a forged form).
    static func expiredForm(secure: Bool) -> Response {
        freshForm(secure: secure, message: "The sign-in form expired. Please sign in again.", status: .forbidden)
    }
}
