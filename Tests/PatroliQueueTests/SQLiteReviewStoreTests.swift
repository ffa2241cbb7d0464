import Foundation
import GRDB
import PatroliQueue
import Testing

/// A fresh queue database file in its own temporary directory, removed when dropped.
final class TemporaryDatabase: Sendable {
    let directory: String
    let path: String

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("patroli-queue-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/patroli.db"
    }

    func makeStore() async throws -> SQLiteReviewStore {
        let store = try SQLiteReviewStore(path: path)
        try await store.migrate()
        return store
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// The `ReviewStoreContract` against a real SQLite file, plus what is particular to SQLite.
@Suite struct SQLiteReviewStoreTests {
    let database: TemporaryDatabase

    init() throws {
        database = try TemporaryDatabase()
    }

    @Test("ReviewStore contract", arguments: ReviewStoreContract.checks.map(\.name))
    func contract(_ check: String) async throws {
        try await ReviewStoreContract.run(check, on: try await database.makeStore())
    }

    // MARK: SQLite specifics

    @Test func claimsFromTwoConnectionsOnOneFileNeverOverlap() async throws {
        // Two stores = two independent connection pools on one file, as two processes would
        // have; SQLite's file locks, not the pool's writer queue, keep them apart.
        let first = try await database.makeStore()
        let second = try SQLiteReviewStore(path: database.path)
        try await ReviewStoreContract.claimsFromSeveralStoresNeverOverlap([first, second], items: 60, tasks: 12)
    }

    @Test func upgradeToV3FillsTheRulesOfItemsQueuedBefore() async throws {
        let store = try await database.makeStore()
        _ = try await store.insert([
            QueueFixtures.post(QueueFixtures.cambodiaAd, id: "1", categories: ["salary", "destination"]),
            QueueFixtures.post(QueueFixtures.myanmarAd, id: "2"),
        ])
        // Back to the schema an older version left: no item_rule, v3 not recorded.
        let queue = try DatabaseQueue(path: database.path)
        try await queue.write { db in
            try db.execute(sql: "DROP TABLE item_rule")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v3: rules per item'")
        }
        _ = try await database.makeStore()
        let pairs = try await queue.read { db in
            try Row.fetchAll(db, sql: "SELECT item_id, rule_id FROM item_rule ORDER BY item_id, rule_id")
                .map { row -> String in "\(row[0] as Int64) \(row[1] as String)" }
        }
        #expect(pairs == ["1 destination.rule1", "1 salary.rule0", "2 salary.rule0"])
    }

    @Test func databaseUsesWriteAheadLogging() async throws {
        _ = try await database.makeStore()
        let queue = try DatabaseQueue(path: database.path)
        let mode = try await queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func auditTableRefusesUpdateAndDelete() async throws {
        let store = try await database.makeStore()
        let summary = try await store.insert(QueueFixtures.loners(1))
        _ = try await store.decide(itemID: summary.itemIDs[0], verdict: .notRelevant, reviewer: "bripka.sari",
                                   note: nil, wholeCluster: false, now: QueueFixtures.start)
        let queue = try DatabaseQueue(path: database.path)
        await #expect(throws: DatabaseError.self) {
            try await queue.write { db in try db.execute(sql: "UPDATE audit_entry SET reviewer = 'someone else'") }
        }
        await #expect(throws: DatabaseError.self) {
            try await queue.write { db in try db.execute(sql: "DELETE FROM audit_entry") }
        }
        #expect(try await store.auditTrail(itemID: summary.itemIDs[0]).map(\.reviewer) == ["bripka.sari"])
    }

    @Test func migratingTwiceAndReopeningKeepsTheQueue() async throws {
        let store = try await database.makeStore()
        let summary = try await store.insert(QueueFixtures.loners(3))
        try await store.migrate()
        let reopened = try await database.makeStore()
        #expect(try await reopened.list(ReviewFilter(), now: QueueFixtures.start).count == 3)
        #expect(try await reopened.insert(QueueFixtures.loners(3)).duplicates == 3)
        #expect(try await reopened.item(id: summary.itemIDs[2], now: QueueFixtures.start)?.source.postID == "L2")
    }

    @Test func unwritableLocationIsReportedWithAHint() throws {
        #expect {
            _ = try SQLiteReviewStore(path: database.directory + "/missing/dir/patroli.db")
        } throws: { error in
            guard let error = error as? ReviewStoreError, case .database(let operation, let message) = error else { return false }
            return operation.contains("missing/dir/patroli.db") && message.contains("hint")
        }
    }
}
