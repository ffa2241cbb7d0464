import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import PatroliCore
import PatroliQueue
import PatroliWeb
import Testing

/// Post text is written by criminals: nothing in it may run, hide or reorder on the page.
@Suite struct PageSecurityTests {
    static let scriptPost = "Loker Kamboja <script>alert(1)</script> gaji 15jt hub WA 0812-0000-2201"
    static let attributePost = "Kerja Myawaddy \"><img src=x onerror=alert(1)> gaji besar hub WA 0812-0000-2202"
    static let bidiPost = "Lowongan Laos hub WA \u{202E}1022-0000-2180\u{202C} segera"

    private func signedIn(_ fixture: WebFixture, _ body: @Sendable (WebClient) async throws -> Void) async throws {
        try await fixture.addAccount("budi")
        try await fixture.withClient { client async throws in
            try await client.signIn("budi")
            try await body(client)
        }
    }

    @Test func scriptTagsInAPostRenderAsVisibleText() async throws {
        let fixture = try await WebFixture()
        let ids = try await fixture.queue([(PageSecurityTests.scriptPost, ["Kamboja", "gaji 15jt"], .high, [])])
        try await signedIn(fixture) { client async throws in
            for uri in ["/", "/items/\(ids[0])"] {
                let html = try await client.get(uri).text
                #expect(!html.contains("<script>alert"), "\(uri)")
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(uri)")
            }
        }
    }

    @Test func attributeBreakoutsInAPostStayInsideTheirText() async throws {
        let fixture = try await WebFixture()
        let ids = try await fixture.queue([(PageSecurityTests.attributePost, ["Myawaddy"], .high,
                                            [MetadataField(key: "author", value: "\"><img src=x onerror=alert(2)>")])])
        try await signedIn(fixture) { client async throws in
            let html = try await client.get("/items/\(ids[0])").text
            #expect(!html.contains("<img"))
            #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
            #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        }
    }

    @Test func javascriptAddressesAreShownAsTextAndNeverLinked() async throws {
        let fixture = try await WebFixture()
        let ids = try await fixture.queue([("Loker Kamboja klik javascript:alert(3) sekarang", ["Kamboja"], .high,
                                            [MetadataField(key: "url", value: "javascript:alert(document.cookie)")])])
        try await signedIn(fixture) { client async throws in
            let html = try await client.get("/items/\(ids[0])").text
            #expect(!html.lowercased().contains("href=\"javascript:"))
            #expect(html.contains("<code class=\"url\">javascript:alert(document.cookie)</code>"))
            let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            #expect(hrefs.allSatisfy { $0.hasPrefix("/") }, "every link stays on this site: \(hrefs)")
        }
    }

    @Test func bidiOverridesAreShownAsVisibleMarkers() async throws {
        let fixture = try await WebFixture()
        let ids = try await fixture.queue([(PageSecurityTests.bidiPost, ["Laos"], .high, [])])
        try await signedIn(fixture) { client async throws in
            for uri in ["/", "/items/\(ids[0])"] {
                let html = try await client.get(uri).text
                #expect(!html.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x202C }, "\(uri)")
                #expect(html.contains("hub WA ⟨U+202E⟩1022-0000-2180⟨U+202C⟩ segera"), "\(uri)")
            }
        }
    }

    @Test func everyResponseCarriesAPolicyThatAllowsOnlyTheBinarysOwnScript() async throws {
        let fixture = try await WebFixture()
        let ids = try await fixture.queue([(PageSecurityTests.scriptPost, ["Kamboja"], .high, [])])
        try await signedIn(fixture) { client async throws in
            for uri in ["/", "/items/\(ids[0])", "/login", "/items/999999", "/static/app.js"] {
                let response = try await client.get(uri)
                let policy = try #require(response.headers[.contentSecurityPolicy], "\(uri)")
                #expect(policy.contains("script-src 'self'"))
                #expect(policy.contains("default-src 'none'"))
                #expect(!policy.contains("unsafe-inline"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                let scripts = response.text.components(separatedBy: "<script").dropFirst()
                #expect(scripts.allSatisfy { $0.hasPrefix(" src=\"/static/app.js\" defer></script>") }, "\(uri)")
            }
        }
    }

    @Test func unknownItemsGetAPlainNotFoundPage() async throws {
        let fixture = try await WebFixture()
        try await signedIn(fixture) { client async throws in
            let response = try await client.get("/items/424242")
            #expect(response.status == .notFound)
            #expect(response.text.contains("Queue item 424242 does not exist."))
            #expect(try await client.get("/items/abc").status == .notFound)
        }
    }

    @Test func databaseFailuresShowAGenericPageWithoutDetails() async throws {
        let fixture = try await WebFixture()
        try await signedIn(fixture) { client async throws in
            let database = try DatabaseQueue(path: fixture.store.path)
            try await database.write { try $0.execute(sql: "ALTER TABLE queue_item RENAME TO queue_item_gone") }
            let response = try await client.get("/")
            #expect(response.status == .internalServerError)
            #expect(response.text.contains("Something went wrong. The error was logged with reference"))
            for leak in ["queue_item", "SQLite", "database", "patroli-web-", ".swift"] {
                #expect(!response.text.contains(leak), "the page leaks \(leak)")
            }
        }
    }
}
