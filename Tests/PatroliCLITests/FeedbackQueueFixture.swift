import Foundation
import PatroliQueue
import Testing

/// A review queue, filled by a real `patroli batch` run with the test pack (plus its victim-plea
/// lead rule), on which officers decided in ways the feedback tests know exactly:
///
/// - recruitment: r1 (first `unsure`, then `recruitment`: the latest verdict counts), r2, r3;
/// - not-relevant: n1 and its copy n2 (one `--cluster` decision labels both), n3;
/// - victim-lead: v1; unsure: u1; undecided: p1.
///
/// `salary.words` ("gaji besar") fires on r3, n1, n2 and n3: officers confirmed 1 of its 4 hits.
/// Every post scores 6 with the pack (7 for v1), at or above the review threshold of 4.
enum FeedbackQueue {
    static let posts: [(id: String, text: String)] = [
        ("r1", "Loker kamboja gaji 15jt admin chat, tiket pesawat ditanggung perusahaan"),
        ("r2", "Dicari operator komputer di phnom penh dengan gaji 20 juta per bulan"),
        ("r3", "Lowongan kamboja gaji besar tanpa pengalaman, berangkat bersama minggu ini"),
        ("n1", "Toko baju online phnom penh buka reseller, gaji besar dari rumah saja"),
        ("n2", "Toko baju online phnom penh buka reseller, gaji besar dari rumah saja"),
        ("n3", "Grosir sepatu impor kirim ke kamboja, gaji besar untuk reseller aktif tiap bulan"),
        ("v1", "Tolong anak saya disekap di kamboja, gaji 10 juta yang dijanjikan tidak pernah dibayar"),
        ("u1", "Kerja di kamboja gaji 30jt langsung berangkat, syarat mudah sekali"),
        ("p1", "Loker phnom penh gaji 25jt untuk lulusan SMA, mess gratis disediakan"),
    ]

    /// Labelled items: 3 recruitment, 3 not-relevant, 1 victim-lead.
    static let labelled = 7

    /// Writes the test pack with the victim lead rule into `folder/name`; without `salary.words`
    /// when `dropSalaryWords` (a pack "tuned" after the officers' verdicts).
    static func writePack(in folder: TemporaryFolder, name: String = "pack", dropSalaryWords: Bool = false) throws -> String {
        var rules = TestPack.rules
        if dropSalaryWords, let start = rules.range(of: "  - id: salary.words"), let end = rules.range(of: "  - id: salary.amount") {
            rules.removeSubrange(start.lowerBound..<end.lowerBound)
        }
        try folder.write("\(name)/pack.yaml", TestPack.victimManifest)
        try folder.write("\(name)/rules.yaml", rules)
        try folder.write("\(name)/victim.yaml", TestPack.victimRule)
        return folder.path(name)
    }

    /// Runs the batch into `queue` (a SQLite path or a postgres:// URL) and records the decisions.
    /// Returns the pack's path.
    @discardableResult
    static func make(queue: String, in folder: TemporaryFolder) async throws -> String {
        let pack = try writePack(in: folder)
        let lines = try posts.map { post in
            String(decoding: try JSONSerialization.data(withJSONObject: ["id": post.id, "text": post.text], options: [.sortedKeys]),
                   as: UTF8.self)
        }
        try folder.write("feedback/posts.jsonl", lines.joined(separator: "\n") + "\n")
        let batch = try CLI.run(["batch", "--rules", pack, "--queue", queue, "--report", folder.path("feedback-reports"),
                                 folder.path("feedback")])
        try #require(batch.status == 0, "the batch that fills the queue failed: \(batch.stderr)")
        try await withStore(queue) { store in try await decide(in: store) }
        return pack
    }

    private static func decide(in store: any ReviewStore) async throws {
        var filter = ReviewFilter()
        filter.limit = nil
        let ids = Dictionary(uniqueKeysWithValues: try await store.export(filter).map { ($0.item.source.postID, $0.item.id) })
        try #require(ids.count == posts.count, "every post was queued: \(ids.keys.sorted())")
        var clock = Date()
        func decide(_ post: String, _ verdict: Verdict, by reviewer: String = "sari", note: String? = nil,
                    cluster: Bool = false) async throws -> [AuditEntry] {
            clock.addTimeInterval(1)
            return try await store.decide(itemID: try #require(ids[post]), verdict: verdict, reviewer: reviewer, note: note,
                                          wholeCluster: cluster, now: clock)
        }
        _ = try await decide("r1", .unsure, by: "budi")
        _ = try await decide("r1", .recruitment)
        _ = try await decide("r2", .recruitment)
        _ = try await decide("r3", .recruitment)
        let cluster = try await decide("n1", .notRelevant, note: "toko baju, bukan lowongan kerja", cluster: true)
        try #require(Set(cluster.map(\.itemID)) == [ids["n1"], ids["n2"]], "n1 and its copy n2 form one cluster")
        _ = try await decide("n3", .notRelevant, note: "grosir sepatu")
        _ = try await decide("v1", .victimLead)
        _ = try await decide("u1", .unsure)
    }

    /// Opens the queue, runs `body`, and closes a PostgreSQL store's connections.
    static func withStore<T>(_ queue: String, _ body: (any ReviewStore) async throws -> T) async throws -> T {
        let store = try ReviewStoreFactory.make(url: queue)
        try await store.migrate()
        do {
            let value = try await body(store)
            await (store as? PostgresReviewStore)?.close()
            return value
        } catch {
            await (store as? PostgresReviewStore)?.close()
            throw error
        }
    }

    /// `rules eval --queue … --format json`, parsed; the run must succeed.
    static func evaluateJSON(queue: String, pack: String) throws -> [String: Any] {
        let run = try CLI.run(["rules", "eval", "--rules", pack, "--queue", queue, "--format", "json"])
        try #require(run.status == 0, "rules eval --queue failed: \(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    /// The JSON rule entry for `id`.
    static func rule(_ id: String, in report: [String: Any]) throws -> [String: Any] {
        let rules = try #require(report["rules"] as? [[String: Any]])
        return try #require(rules.first { $0["rule"] as? String == id }, "no rule \(id) in the report")
    }
}
