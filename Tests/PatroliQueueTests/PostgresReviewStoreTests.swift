import Foundation
import PatroliCore
@testable import PatroliQueue
import PatroliTestSupport
import PostgresNIO
import Testing

/// Every test that needs a real PostgreSQL server: the shared contract (in
/// `PostgresReviewStoreContractTests`) and the PostgreSQL-specific behaviour below. One server
/// serves the whole suite; each test gets its own new database.
@Suite("PostgreSQL review queue", .serialized, .enabled(if: PostgresTestServer.shouldRun, PostgresTestServer.skipMessage),
       .postgresServer)
struct PostgresReviewStoreTests {
    @Suite("PostgreSQL-specific behaviour", .serialized)
    struct Specific {
        @Test func migrateCreatesTheSchemaOnceAndRecordsItsVersion() async throws {
            let server = try PostgresTestServer.required()
            let database = try await server.makeDatabase()
            let store = try PostgresReviewStore(url: server.url(database: database))
            try await store.migrate()
            try await store.migrate()
            await store.close()
            let versions = try await server.withAdminConnection(database: database) { connection, logger in
                var versions: [Int64] = []
                for try await version in try await connection.query(
                    "SELECT version FROM patroli_schema_migrations ORDER BY version", logger: logger).decode(Int64.self) {
                    versions.append(version)
                }
                return versions
            }
            #expect(versions == PostgresSchema.migrations.map(\.version))
        }

        @Test func upgradeToV3FillsTheRulesOfItemsQueuedBefore() async throws {
            let server = try PostgresTestServer.required()
            let database = try await server.makeDatabase()
            let store = try PostgresReviewStore(url: server.url(database: database))
            try await store.migrate()
            _ = try await store.insert([
                QueueFixtures.post(QueueFixtures.cambodiaAd, id: "1", categories: ["salary", "destination"]),
                QueueFixtures.post(QueueFixtures.myanmarAd, id: "2"),
            ])
            await store.close()
            // Back to the schema an older version left: no item_rule, version 3 not recorded.
            try await server.withAdminConnection(database: database) { connection, logger in
                try await connection.query("DROP TABLE item_rule", logger: logger)
                try await connection.query("DELETE FROM patroli_schema_migrations WHERE version = 3", logger: logger)
            }
            let upgraded = try PostgresReviewStore(url: server.url(database: database))
            try await upgraded.migrate()
            await upgraded.close()
            let pairs = try await server.withAdminConnection(database: database) { connection, logger in
                var pairs: [String] = []
                for try await (item, rule) in try await connection.query(
                    "SELECT item_id, rule_id FROM item_rule ORDER BY item_id, rule_id", logger: logger).decode((Int64, String).self) {
                    pairs.append("\(item) \(rule)")
                }
                return pairs
            }
            #expect(pairs == ["1 destination.rule1", "1 salary.rule0", "2 salary.rule0"])
        }

        @Test func concurrentMigrationsFromManyProcessesAllSucceed() async throws {
            let server = try PostgresTestServer.required()
            let url = server.url(database: try await server.makeDatabase())
            let stores = try (0..<6).map { _ in try PostgresReviewStore(url: url) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in stores { group.addTask { try await store.migrate() } }
                try await group.waitForAll()
            }
            let summary = try await stores[0].insert([PostgresFixtures.item(1)])
            #expect(summary.inserted == 1)
            for store in stores { await store.close() }
        }

        @Test func concurrentClaimsFromManyConnectionsNeverHandOutAnItemTwice() async throws {
            let server = try PostgresTestServer.required()
            let url = server.url(database: try await server.makeDatabase())
            let seed = try PostgresReviewStore(url: url)
            try await seed.migrate()
            let itemCount = 60
            _ = try await seed.insert((1...itemCount).map { PostgresFixtures.item($0) })
            await seed.close()

            // Eight officers, each on their own connection pool (as on separate machines), claim
            // until the queue is empty.
            let now = PostgresFixtures.now
            let claims = try await claimUntilEmpty(officers: 8, url: url, now: now)

            let claimedIDs = claims.flatMap(\.itemIDs)
            #expect(claimedIDs.count == itemCount)
            #expect(Set(claimedIDs).count == itemCount, "an item was handed to two officers")
            #expect(Set(claims.map(\.reviewer)).count > 1, "the claims were not spread over the officers")
        }

        @Test func concurrentClaimsNeverSplitACluster() async throws {
            let server = try PostgresTestServer.required()
            let url = server.url(database: try await server.makeDatabase())
            let seed = try PostgresReviewStore(url: url)
            try await seed.migrate()
            // Ten clusters of four posts, each cluster sharing one WhatsApp number.
            let items = (1...40).map { number in
                PostgresFixtures.item(number, phone: "+62812000\(String(format: "%05d", (number - 1) / 4))")
            }
            _ = try await seed.insert(items)
            await seed.close()

            let now = PostgresFixtures.now
            let claims = try await claimUntilEmpty(officers: 6, url: url, now: now)

            #expect(claims.count == 10, "each cluster is claimed exactly once")
            #expect(Set(claims.map(\.clusterID)).count == 10)
            #expect(claims.allSatisfy { $0.itemIDs.count == 4 })
            #expect(Set(claims.flatMap(\.itemIDs)).count == 40)
        }

        @Test func concurrentInsertsOfOverlappingBatchesStayIdempotent() async throws {
            let server = try PostgresTestServer.required()
            let url = server.url(database: try await server.makeDatabase())
            let shards = try (0..<4).map { _ in try PostgresReviewStore(url: url) }
            try await shards[0].migrate()
            // Every shard inserts the same 30 posts (a re-run on four machines at once).
            let batch = (1...30).map { PostgresFixtures.item($0, phone: "+6281300000\(String(format: "%03d", $0 % 5))") }
            let summaries = try await withThrowingTaskGroup(of: InsertSummary.self) { group in
                for shard in shards { group.addTask { try await shard.insert(batch) } }
                var all: [InsertSummary] = []
                for try await summary in group { all.append(summary) }
                return all
            }
            #expect(summaries.map(\.inserted).reduce(0, +) == 30)
            #expect(summaries.map(\.duplicates).reduce(0, +) == 90)
            #expect(Set(summaries.map(\.itemIDs)).count == 1, "every shard sees the same ids for the same posts")
            let stats = try await shards[0].stats(now: PostgresFixtures.now)
            #expect(stats.totalItems == 30)
            #expect(stats.multiMemberClusters == 5)
            for shard in shards { await shard.close() }
        }

        @Test func auditTableRejectsUpdateDeleteAndTruncateInTheDatabase() async throws {
            let server = try PostgresTestServer.required()
            let database = try await server.makeDatabase()
            let store = try PostgresReviewStore(url: server.url(database: database))
            try await store.migrate()
            let inserted = try await store.insert([PostgresFixtures.item(1)])
            let itemID = try #require(inserted.itemIDs.first)
            _ = try await store.decide(itemID: itemID, verdict: .recruitment, reviewer: "officer-1", note: "agen",
                                       wholeCluster: false, now: PostgresFixtures.now)
            await store.close()

            try await server.withAdminConnection(database: database) { connection, logger in
                let statements: [PostgresQuery] = [
                    "UPDATE audit_entry SET verdict = 'not-relevant'",
                    "DELETE FROM audit_entry",
                    "TRUNCATE audit_entry",
                ]
                for statement in statements {
                    await #expect(throws: PSQLError.self, "\(statement.sql) must be refused") {
                        try await connection.query(statement, logger: logger)
                    }
                }
            }
            let reopened = try PostgresReviewStore(url: server.url(database: database))
            let trail = try await reopened.auditTrail(itemID: itemID)
            await reopened.close()
            #expect(trail.map(\.verdict) == [.recruitment])
        }

        @Test func textWithNULAndAnyUnicodeRoundTripsExactly() async throws {
            let server = try PostgresTestServer.required()
            try await server.withStore { store in
                let text = "Loker K4mboja\u{0} gaji 15jt 🇰🇭 \u{200B}hub WA 0812-0000-1111 — ĺéţ’s gø"
                var item = PostgresFixtures.item(1)
                item.text = text
                item.normalizedText = "loker kamboja\u{0} gaji 15jt"
                let summary = try await store.insert([item])
                let id = try #require(summary.itemIDs.first)
                let stored = try #require(try await store.item(id: id, now: PostgresFixtures.now))
                #expect(stored.text == text)
                #expect(stored.normalizedText == item.normalizedText)
                #expect(stored.textSHA256 == item.textSHA256)
            }
        }

        @Test func wrongPasswordFailsWithTheServerReasonAndNoPassword() async throws {
            let server = try PostgresTestServer.required()
            let database = try await server.makeDatabase()
            let store = try PostgresReviewStore(
                url: "postgres://\(PostgresTestServer.username):wrong-secret@127.0.0.1:\(server.port)/\(database)?sslmode=disable")
            await #expect {
                try await store.migrate()
            } throws: { error in
                let text = "\(error)"
                return text.contains("password authentication failed") && text.contains("migrating")
                    && !text.contains("wrong-secret")
            }
            await store.close()
        }

        @Test(.timeLimit(.minutes(1)))
        func unreachableServerFailsWithAHintInsteadOfHanging() async throws {
            // Port 9 (discard) on loopback: nothing listens there.
            let store = try PostgresReviewStore(url: "postgres://patroli:pw@127.0.0.1:9/patroli?sslmode=disable")
            await #expect {
                try await store.migrate()
            } throws: { error in
                "\(error)".contains("hint: check that PostgreSQL at postgres://patroli:***@127.0.0.1:9/patroli is running")
            }
            await store.close()
        }
    }
}

/// Small posts for the PostgreSQL-specific tests.
enum PostgresFixtures {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    /// Post `number`: distinct words (so no two are near-duplicates), an optional WhatsApp number.
    static func item(_ number: Int, phone: String? = nil) -> NewQueueItem {
        let words = (0..<8).map { "kata\(number)x\($0)" }.joined(separator: " ")
        let text = "Lowongan \(number): \(words)" + (phone.map { " hub WA \($0)" } ?? "")
        let contacts = phone.map {
            [ContactEntity(kind: .whatsapp, value: $0, start: 0, end: 1, text: $0)]
        } ?? []
        return NewQueueItem(
            source: PostSource(file: "posts.jsonl", line: number, postID: "post-\(number)",
                               metadata: [MetadataField(key: "author", value: "akun\(number)")]),
            text: text, normalizedText: text.lowercased(),
            score: Double(100 - number % 50), risk: .high,
            hits: [QueueHit(ruleID: "job.overseas", category: "recruitment", points: 5, start: 0, end: 8, text: "Lowongan")],
            entities: Entities(contacts: contacts),
            pack: RulePackVersion(name: "tppo", version: "1"),
            seenAt: now.addingTimeInterval(Double(number)))
    }
}

/// `count` officers, each on their own connection pool (as on separate machines), claim from the
/// queue at `url` until nothing is left; returns every claim made.
private func claimUntilEmpty(officers count: Int, url: String, now: Date) async throws -> [Claim] {
    let officers = try (1...count).map { number in
        (name: "officer-\(number)", store: try PostgresReviewStore(url: url))
    }
    let claims = try await withThrowingTaskGroup(of: [Claim].self) { group in
        for officer in officers {
            group.addTask {
                var claims: [Claim] = []
                while let claim = try await officer.store.claimNext(
                    reviewer: officer.name, lease: .seconds(600), now: now) {
                    claims.append(claim)
                }
                return claims
            }
        }
        var all: [Claim] = []
        for try await claims in group { all += claims }
        return all
    }
    for officer in officers { await officer.store.close() }
    return claims
}
