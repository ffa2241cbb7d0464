import Foundation
import Hummingbird
import HummingbirdTesting
import PatroliQueue
import PatroliTestSupport
import PatroliWeb
import Testing

extension PostgresReviewStoreTests {
    /// The review page on the shared PostgreSQL queue: accounts, sessions, claims and decisions
    /// all go through the PostgreSQL store (the page's other behaviour is tested on SQLite in
    /// PatroliWebTests; the page itself does not know which store it has).
    @Suite("Review page on PostgreSQL", .serialized)
    struct ReviewPage {
        @Test func twoOfficersSignInGetDifferentItemsAndTheirDecisionsReachTheAuditTrail() async throws {
            try await PostgresTestServer.required().withStore { store in
                let hasher = PasswordHasher(cost: 4)
                for name in ["budi", "siti"] {
                    try await store.addAccount(Account(name: name, role: .reviewer,
                                                       passwordHash: await hasher.hash("kata-sandi-uji-\(name)"),
                                                       createdAt: Date()))
                }
                let ids = try await store.insert([PostgresFixtures.item(1), PostgresFixtures.item(2)]).itemIDs
                let router = await buildRouter(configuration: WebConfiguration(), store: store, accounts: store,
                                               hasher: hasher, clock: { Date() })
                try await Application(router: router).test(.router) { client in
                    // Both claim before either decides: the leases alone keep them apart.
                    var claims: [(officer: Officer, location: String)] = []
                    for name in ["budi", "siti"] {
                        let officer = try await Officer.signIn(name, password: "kata-sandi-uji-\(name)", client: client)
                        claims.append((officer, try #require(try await officer.post("/next", [:]).headers[.location])))
                    }
                    for (officer, location) in claims {
                        let decided = try await officer.post("\(location)/decide", ["verdict": "recruitment", "note": officer.name])
                        #expect(decided.status == .seeOther, "\(location)")
                    }
                    let claimed = claims.compactMap { Int64($0.location.dropFirst("/items/".count)) }
                    #expect(Set(claimed) == Set(ids), "each officer got a different item")
                }
                for id in ids {
                    let trail = try await store.auditTrail(itemID: id)
                    #expect(trail.count == 1)
                    #expect(trail.first?.note == trail.first?.reviewer, "decided by the signed-in officer")
                }
            }
        }
    }
}

/// One signed-in browser session against the router: its cookie and its form token.
private struct Officer {
    let client: any TestClientProtocol
    let name: String
    let cookie: String
    let csrf: String

    static func signIn(_ name: String, password: String, client: any TestClientProtocol) async throws -> Officer {
        let form = try await client.execute(uri: "/login", method: .get)
        let signInCookie = try #require(form.headers[values: .setCookie].first?.split(separator: ";").first)
        let token = try #require(signInCookie.split(separator: "=").last)
        let response = try await client.execute(
            uri: "/login", method: .post,
            headers: [.cookie: String(signInCookie), .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "csrf=\(token)&name=\(name)&password=\(password)"))
        let session = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("patroli_session=") })
        let cookie = String(try #require(session.split(separator: ";").first))
        let queue = String(buffer: try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).body)
        let csrf = try #require(queue.range(of: "name=\"csrf\" value=\"").map { String(queue[$0.upperBound...].prefix(64)) })
        return Officer(client: client, name: name, cookie: cookie, csrf: csrf)
    }

    func post(_ uri: String, _ fields: [String: String]) async throws -> TestResponse {
        let body = (["csrf": csrf].merging(fields) { first, _ in first })
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await client.execute(uri: uri, method: .post,
                                        headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                        body: ByteBuffer(string: body))
    }
}
