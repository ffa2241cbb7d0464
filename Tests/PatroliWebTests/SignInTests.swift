import Foundation
import Hummingbird
import HummingbirdTesting
import PatroliQueue
import PatroliWeb
import Testing

@Suite struct SignInTests {
    @Test func everyPageButSignInSendsTheBrowserToSignIn() async throws {
        let fixture = try await WebFixture()
        try await fixture.withClient { client async throws in
            for uri in ["/", "/items/1", "/export", "/?view=all", "/no-such-page"] {
                let response = try await client.get(uri)
                #expect(response.status == .seeOther, "\(uri)")
                #expect(response.location == "/login", "\(uri)")
            }
            let post = try await client.post("/next", form: [("csrf", "x")])
            #expect(post.status == .seeOther)
            #expect(post.location == "/login")
            #expect(try await client.get("/login").status == .ok)
            #expect(try await client.get("/static/app.js").status == .ok)
        }
    }

    @Test func signingInSetsAnHttpOnlyStrictSessionCookieThatIsNotSecureOverPlainHTTP() async throws {
        let fixture = try await WebFixture()
        try await fixture.addAccount("budi")
        try await fixture.withClient { client async throws in
            let response = try await client.signIn("budi")
            #expect(response.status == .seeOther)
            #expect(response.location == "/")
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("patroli_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"))
            let queue = try await client.get("/")
            #expect(queue.status == .ok)
            #expect(queue.text.contains("Review queue"))
            #expect(queue.text.contains("budi (reviewer)"))
        }
    }

    @Test func secureCookiesAddTheSecureFlag() async throws {
        let fixture = try await WebFixture(configuration: WebConfiguration(secureCookies: true))
        try await fixture.addAccount("budi")
        try await fixture.withClient { client async throws in
            let form = try await client.get("/login")
            #expect(form.headers[values: .setCookie].allSatisfy { $0.contains("; Secure") || $0.contains("Secure;") })
            let response = try await client.signIn("budi")
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("patroli_session=") })
            #expect(cookie.contains("Secure"))
        }
    }

    @Test func theStoreKeepsOnlyTheHashOfTheSessionToken() async throws {
        let fixture = try await WebFixture()
        try await fixture.addAccount("budi")
        try await fixture.withClient { client async throws in
            try await client.signIn("budi")
            let token = try #require(client.cookie("patroli_session"))
            #expect(token.count == 64)
            #expect(try await fixture.store.session(tokenHash: token, now: Date()) == nil)
            #expect(try await fixture.store.session(tokenHash: SHA256.hexDigest(Array(token.utf8)), now: Date())?.account == "budi")
        }
    }

    @Test func aWrongPasswordIsRefusedAndTheSameFormSaysSo() async throws {
        let fixture = try await WebFixture()
        try await fixture.addAccount("budi")
        try await fixture.withClient { client async throws in
            let response = try await client.signIn("budi", password: "not-the-password")
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("Wrong account name or password."))
            #expect(client.cookie("patroli_session") == nil)
            let unknown = try await client.signIn("nobody")
            #expect(unknown.status == .unauthorized)
            #expect(unknown.text.contains("Wrong account name or password."), "unknown names get the same answer")
        }
    }

    @Test func fiveFailuresLockTheAccountEvenForTheRightPassword() async throws {
        let fixture = try await WebFixture()
        try await fixture.addAccount("budi")
        try await fixture.withClient { client async throws in
            for _ in 0..<5 {
                #expect(try await client.signIn("budi", password: "guess-guess-guess").status == .unauthorized)
            }
            let locked = try await client.signIn("budi")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.text.contains("Too many failed sign-ins"))
            #expect(client.cookie("patroli_session") == nil)
        }
    }

    @Test func failuresFromOneAddressAcrossAccountsLockThatAddress() async throws {
        let fixture = try await WebFixture(configuration: WebConfiguration(maxFailuresPerAddress: 3))
        try await fixture.addAccount("budi")
        try await fixture.withClient { client async throws in
            for name in ["ani", "citra", "dedi"] {
                #expect(try await client.signIn(name, password: "guess-guess-guess").status == .unauthorized)
            }
            #expect(try await client.signIn("budi").status == .tooManyRequests)
        }
    }

    @Test func aSignInPostWithoutItsFormTokenIsRefused() async throws {
        let fixture = try await WebFixture()
        try await fixture.addAccount("budi")
        try await fixture.withClient { client async throws in
            _ = try await client.get("/login")
            let forged = try await client.post("/login", form: [("csrf", "forged"), ("name", "budi"),
                                                                ("password", WebFixture.password)])
            #expect(forged.status == .forbidden)
            #expect(client.cookie("patroli_session") == nil)
        }
    }

    @Test func signingOutEndsTheSessionEverywhere() async throws {
        let fixture = try await WebFixture()
        try await fixture.addAccount("budi")
        try await fixture.withClient { client async throws in
            try await client.signIn("budi")
            let token = try #require(client.cookie("patroli_session"))
            let csrf = try await client.csrfToken()
            let out = try await client.post("/logout", form: [("csrf", csrf)])
            #expect(out.status == .seeOther)
            #expect(out.location == "/login")
            #expect(out.headers[values: .setCookie].contains { $0.hasPrefix("patroli_session=;") && $0.contains("Max-Age=0") })
            #expect(try await fixture.store.session(tokenHash: SHA256.hexDigest(Array(token.utf8)), now: Date()) == nil)
            client.setCookie("patroli_session", token)
            #expect(try await client.get("/").location == "/login", "the old cookie no longer signs in")
        }
    }
}

extension SignInTests {
    @Test func reopeningTheSignInPageKeepsAnOpenFormValid() async throws {
        let fixture = try await WebFixture()
        try await fixture.addAccount("budi")
        try await fixture.withClient { client async throws in
            let first = try #require(WebClient.csrfToken(in: try await client.get("/login").text))
            // Another tab, or the browser's favicon request, opens the sign-in page again.
            #expect(try await client.get("/favicon.ico").status == .noContent)
            _ = try await client.get("/login")
            let response = try await client.post("/login", form: [("csrf", first), ("name", "budi"),
                                                                  ("password", WebFixture.password)])
            #expect(response.status == .seeOther)
            #expect(response.location == "/")
        }
    }
}
