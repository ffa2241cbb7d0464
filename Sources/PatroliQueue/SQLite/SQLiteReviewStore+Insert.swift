import Foundation
import GRDB

extension SQLiteReviewStore: PreparedInserting {
    public func insert(_ items: [NewQueueItem]) async throws -> InsertSummary {
        let clustering = self.clustering
        return try await insert(prepared: try items.map { try PreparedItem($0, clustering: clustering) })
    }

    func insert(prepared: [PreparedItem]) async throws -> InsertSummary {
        guard !prepared.isEmpty else { return InsertSummary() }
        let clustering = self.clustering
        let cache = clusterCache
        let (summary, kept) = try await write("inserting \(prepared.count) posts into the review queue") { db in
            var summary = InsertSummary()
            var index: ClusterIndex?
            for item in prepared {
                if let existing = try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT id FROM queue_item WHERE fingerprint = ?"), arguments: [item.fingerprint]) {
                    summary.duplicates += 1
                    summary.itemIDs.append(existing)
                    continue
                }
                if index == nil {
                    let key = try ClusterIndexCache.key(db)
                    index = try cache.take(key) ?? SQLiteReviewStore.loadClusterIndex(db, clustering: clustering)
                }
                let id = try SQLiteReviewStore.insertRow(item, db: db)
                if try SQLiteReviewStore.countCopies(of: item, newID: id, db: db) { summary.copies += 1 }
                if let assignment = index?.assign(itemID: id, signature: item.signature) {
                    try db.cachedStatement(sql: "UPDATE queue_item SET cluster_id = ? WHERE id = ?")
                        .execute(arguments: [assignment.clusterID, id])
                    for merged in assignment.mergedClusterIDs {
                        try db.cachedStatement(sql: "UPDATE queue_item SET cluster_id = ? WHERE cluster_id = ?")
                            .execute(arguments: [assignment.clusterID, merged])
                    }
                }
                summary.inserted += 1
                summary.itemIDs.append(id)
            }
            let kept = try index.map { (key: try ClusterIndexCache.key(db), index: $0) }
            return (summary, kept)
        }
        // Kept only once the transaction committed; a later insert reuses it while the key holds.
        if let kept { cache.keep(kept.index, key: kept.key) }
        return summary
    }

    /// Writes the row (its own cluster for now) with its contact and category keys; returns its id.
    private static func insertRow(_ item: PreparedItem, db: Database) throws -> Int64 {
        let new = item.item
        let seen = QueueTime.milliseconds(new.seenAt)
        try db.cachedStatement(
            sql: """
                INSERT INTO queue_item (
                    fingerprint, source_file, source_line, post_id, url, author, posted_at, metadata_json,
                    original_text, normalized_text, text_sha256, normalized_sha256, score, risk, risk_rank,
                    hits_json, leads_json, entities_json, categories_json, contact_keys_json,
                    pack_name, pack_version, first_seen_ms, last_seen_ms, copy_count, cluster_id,
                    simhash, near_duplicate_eligible, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?, ?, 'pending')
                """
        ).execute(
            arguments: [
                item.fingerprint, new.source.file, new.source.line, new.source.postID, new.source.url,
                new.source.author, new.source.postedAt, item.metadataJSON,
                new.text, new.normalizedText, item.textSHA256, item.signature.normalizedTextSHA256,
                new.score, new.risk.rawValue, new.risk.rank,
                item.hitsJSON, item.leadsJSON, item.entitiesJSON, item.categoriesJSON, item.contactKeysJSON,
                new.pack.name, new.pack.version, seen, seen,
                Int64(bitPattern: item.signature.simHash), item.signature.nearDuplicateEligible,
            ])
        let id = db.lastInsertedRowID
        for key in item.signature.contactKeys {
            try db.cachedStatement(sql: "INSERT INTO item_contact (item_id, contact_key) VALUES (?, ?)")
                .execute(arguments: [id, key])
        }
        for ruleID in item.ruleIDs {
            try db.cachedStatement(sql: "INSERT INTO item_rule (item_id, rule_id) VALUES (?, ?)")
                .execute(arguments: [id, ruleID])
        }
        for category in item.categories {
            try db.cachedStatement(sql: "INSERT INTO item_category (item_id, category) VALUES (?, ?)")
                .execute(arguments: [id, category])
        }
        return id
    }

    /// Updates copy counts and last-seen times of every post with the same normalized text as the
    /// new row `newID`; returns whether there was any other.
    private static func countCopies(of item: PreparedItem, newID: Int64, db: Database) throws -> Bool {
        let hash = item.signature.normalizedTextSHA256
        guard let row = try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT COUNT(*) AS copies, MAX(last_seen_ms) AS last_seen FROM queue_item WHERE normalized_sha256 = ?"),
            arguments: [hash]) else { return false }
        let copies: Int = row["copies"] ?? 1
        guard copies > 1 else { return false }
        let lastSeen: Int64 = row["last_seen"] ?? QueueTime.milliseconds(item.item.seenAt)
        try db.execute(sql: "UPDATE queue_item SET copy_count = ?, last_seen_ms = ? WHERE normalized_sha256 = ?",
                       arguments: [copies, lastSeen, hash])
        return true
    }

    /// Every queued item's clustering signature, for assigning new items.
    static func loadClusterIndex(_ db: Database, clustering: Clustering) throws -> ClusterIndex {
        var contactKeys: [Int64: [String]] = [:]
        let contactRows = try Row.fetchCursor(db, sql: "SELECT item_id, contact_key FROM item_contact")
        while let row = try contactRows.next() {
            contactKeys[row["item_id"], default: []].append(row["contact_key"])
        }
        var index = ClusterIndex(clustering: clustering)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, cluster_id, simhash, near_duplicate_eligible, normalized_sha256 FROM queue_item ORDER BY id
            """)
        while let row = try rows.next() {
            let id: Int64 = row["id"]
            let simHash: Int64 = row["simhash"]
            index.add(itemID: id, clusterID: row["cluster_id"], signature: ClusterSignature(
                simHash: UInt64(bitPattern: simHash), nearDuplicateEligible: row["near_duplicate_eligible"],
                normalizedTextSHA256: row["normalized_sha256"], contactKeys: contactKeys[id] ?? []))
        }
        return index
    }
}

/// The cluster index as left by this store's last committed insert, so the next insert need not
/// read every queued item again. Valid while no other connection has committed (SQLite's
/// `data_version`) and the largest item id is unchanged; only `insert` changes what the index
/// holds (ids, clusters, texts, SimHashes, contacts), and every insert goes through it.
final class ClusterIndexCache: @unchecked Sendable {
    struct Key: Hashable, Sendable {
        var dataVersion: Int64
        var maxItemID: Int64
    }

    private let lock = NSLock()
    private var entry: (key: Key, index: ClusterIndex)?

    static func key(_ db: Database) throws -> Key {
        Key(dataVersion: try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? -1,
            maxItemID: try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(id) FROM queue_item")) ?? 0)
    }

    /// The cached index when it matches `key` (taken out, so the caller owns the only copy).
    func take(_ key: Key) -> ClusterIndex? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry, entry.key == key else { return nil }
        self.entry = nil
        return entry.index
    }

    func keep(_ index: ClusterIndex, key: Key) {
        lock.lock()
        entry = (key, index)
        lock.unlock()
    }
}
