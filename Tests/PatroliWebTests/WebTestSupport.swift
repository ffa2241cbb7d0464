import Foundation
import Hummingbird
import HummingbirdTesting
import PatroliCore
import PatroliQueue
import PatroliWeb
import Testing

/// A real SQLite queue in a temporary folder, with accounts, served by the real router.
final class WebFixture: Sendable {
    static let password = "correct-horse-battery"
    /// bcrypt at the lowest cost so tests run fast; production uses `PasswordHasher()` (cost 12).
    static let hasher = PasswordHasher(cost: 4)

    let directory: String
    let store: SQLiteReviewStore
    let configuration: WebConfiguration

    init(configuration: WebConfiguration = WebConfiguration()) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("patroli-web-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try SQLiteReviewStore(path: directory + "/patroli.db")
        try await store.migrate()
        self.configuration = configuration
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func addAccount(_ name: String, role: AccountRole = .reviewer) async throws {
        try await store.addAccount(Account(name: name, role: role, passwordHash: await WebFixture.hasher.hash(WebFixture.password),
                                           createdAt: Date()))
    }

    /// Queues posts; each hit covers the first occurrence of one of `highlights` in its text.
    @discardableResult
    func queue(_ posts: [(text: String, highlights: [String], risk: RiskLevel, metadata: [MetadataField])],
               seenAt: Date = Date()) async throws -> [Int64] {
        let items = posts.enumerated().map { index, post in
            WebFixture.item(post.text, highlights: post.highlights, id: "p\(index)", line: index + 1, risk: post.risk,
                            metadata: post.metadata, seenAt: seenAt)
        }
        return try await store.insert(items).itemIDs
    }

    static func item(_ text: String, highlights: [String], id: String, line: Int = 1, risk: RiskLevel = .high,
                     metadata: [MetadataField] = [], seenAt: Date = Date()) -> NewQueueItem {
        let hits = highlights.enumerated().compactMap { index, phrase -> QueueHit? in
            guard let range = text.range(of: phrase) else { return nil }
            let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
            let end = start + phrase.unicodeScalars.count
            return QueueHit(ruleID: "rule.\(index)", category: index == 0 ? "destination" : "salary",
                            points: 2, start: start, end: end, text: phrase)
        }
        return NewQueueItem(
            source: PostSource(file: "posts.jsonl", line: line, postID: id, metadata: metadata),
            text: text, normalizedText: Normalizer().normalize(text).string, score: Double(hits.count * 2), risk: risk,
            hits: hits, leads: [], entities: EntityExtractor().extract(from: text),
            pack: RulePackVersion(name: "test", version: "1"), seenAt: seenAt)
    }

    func withClient<T: Sendable>(_ body: @Sendable (WebClient) async throws -> T) async throws -> T {
        let router = await buildRouter(configuration: configuration, store: store, accounts: store,
                                       hasher: WebFixture.hasher, clock: { Date() })
        let app = Application(router: router)
        return try await app.test(.router) { client in try await body(WebClient(client)) }
    }
}

/// A browser-like client: keeps cookies between requests and reads form tokens from pages.
final class WebClient: @unchecked Sendable {
    private let client: any TestClientProtocol
    private let lock = NSLock()
    private var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    var cookieHeader: String {
        lock.withLock { cookies.filter { !$0.value.isEmpty }.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
    }

    func cookie(_ name: String) -> String? { lock.withLock { cookies[name] } }

    func setCookie(_ name: String, _ value: String) { lock.withLock { cookies[name] = value } }

    @discardableResult
    func get(_ uri: String) async throws -> TestResponse {
        try await send(uri, method: .get, body: nil)
    }

    @discardableResult
    func post(_ uri: String, form: [(String, String)]) async throws -> TestResponse {
        let encoded = form.map { "\(WebClient.encode($0.0))=\(WebClient.encode($0.1))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: encoded)
    }

    private func send(_ uri: String, method: HTTPRequest.Method, body: String?) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        let cookie = cookieHeader
        if !cookie.isEmpty { headers[.cookie] = cookie }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(uri: uri, method: method, headers: headers,
                                                body: body.map { ByteBuffer(string: $0) })
        lock.withLock {
            for header in response.headers[values: .setCookie] {
                let pair = header.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
                cookies[String(pair[0])] = pair.count > 1 ? String(pair[1]) : ""
            }
        }
        return response
    }

    /// Signs in through the form; returns the final response of the POST.
    @discardableResult
    func signIn(_ name: String, password: String = WebFixture.password) async throws -> TestResponse {
        let form = try await get("/login")
        let token = try #require(WebClient.csrfToken(in: form.text))
        return try await post("/login", form: [("csrf", token), ("name", name), ("password", password)])
    }

    /// The CSRF token of the first form in `html`.
    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// The current page's CSRF token (from the queue page).
    func csrfToken() async throws -> String {
        try #require(WebClient.csrfToken(in: try await get("/").text))
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var location: String? { headers[.location] }
}
