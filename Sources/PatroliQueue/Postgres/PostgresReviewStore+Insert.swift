import Foundation
import PostgresNIO

extension PostgresReviewStore: PreparedInserting {
    public func insert(_ items: [NewQueueItem]) async throws -> InsertSummary {
        let clustering = self.clustering
        return try await insert(prepared: try items.map { try PreparedItem($0, clustering: clustering) })
    }

    func insert(prepared: [PreparedItem]) async throws -> InsertSummary {
        guard !prepared.isEmpty else { return InsertSummary() }
        let clustering = self.clustering
        for item in prepared { try PostgresReviewStore.checkStorable(item) }
        return try await transaction("inserting \(prepared.count) posts into the review queue") { connection, logger in
            // One batch at a time across every process: clusters, copies and idempotency must see
            // all earlier batches, as under SQLite's single writer.
            try await connection.query(
                "SELECT pg_advisory_xact_lock(\(PostgresSchema.lockNamespace), \(PostgresSchema.insertLock))",
                logger: logger)
            var summary = InsertSummary()
            var index: ClusterIndex?
            for item in prepared {
                let found = try await connection.query(
                    "SELECT id FROM queue_item WHERE fingerprint = \(item.fingerprint)", logger: logger).values()
                if let existing = try found.first?.decode("id", as: Int64.self) {
                    summary.duplicates += 1
                    summary.itemIDs.append(existing)
                    continue
                }
                var current: ClusterIndex
                if let loaded = index {
                    current = loaded
                } else {
                    current = try await PostgresReviewStore.loadClusterIndex(
                        connection, logger: logger, clustering: clustering)
                }
                let id = try await PostgresReviewStore.nextItemID(connection, logger: logger)
                let assignment = current.assign(itemID: id, signature: item.signature)
                index = current
                try await PostgresReviewStore.insertRow(item, id: id, clusterID: assignment.clusterID,
                                                        connection: connection, logger: logger)
                if !assignment.mergedClusterIDs.isEmpty {
                    try await connection.query("""
                        UPDATE queue_item SET cluster_id = \(assignment.clusterID)
                        WHERE cluster_id = ANY(\(assignment.mergedClusterIDs)::bigint[])
                        """, logger: logger)
                }
                if try await PostgresReviewStore.countCopies(of: item, connection: connection, logger: logger) {
                    summary.copies += 1
                }
                summary.inserted += 1
                summary.itemIDs.append(id)
            }
            return summary
        }
    }

    /// PostgreSQL `TEXT` cannot hold U+0000. The texts are stored as bytes and the derived
    /// metadata columns are informational (the metadata JSON keeps every value exactly), but the
    /// source file and post id are keys: refuse those with a message naming the post.
    static func checkStorable(_ item: PreparedItem) throws {
        let source = item.item.source
        for (name, value) in [("input file name", source.file), ("post id", source.postID)] where value.contains("\u{0}") {
            throw ReviewStoreError.invalidArgument(
                "\(source.file.replacingOccurrences(of: "\u{0}", with: "\\0")):\(source.line): the \(name) contains "
                + "a NUL character, which PostgreSQL cannot store (hint: clean the input or use the SQLite queue)")
        }
    }

    /// The next id of `queue_item`'s identity sequence, taken before the row is written so the
    /// cluster can be assigned in the same statement.
    private static func nextItemID(_ connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        let rows = try await connection.query(
            "SELECT nextval(pg_get_serial_sequence('queue_item', 'id')) AS id", logger: logger).values()
        if let id = try rows.first?.decode("id", as: Int64.self) { return id }
        throw ReviewStoreError.database(operation: "allocating a queue item id", message: "the sequence returned no value")
    }

    /// Writes the row with its contact and category keys.
    private static func insertRow(_ item: PreparedItem, id: Int64, clusterID: Int64,
                                  connection: PostgresConnection, logger: Logger) async throws {
        let new = item.item
        let seen = QueueTime.milliseconds(new.seenAt)
        let originalText = ByteBuffer(string: new.text)
        let normalizedText = ByteBuffer(string: new.normalizedText)
        try await connection.query("""
            INSERT INTO queue_item (
                id, fingerprint, source_file, source_line, post_id, url, author, posted_at, metadata_json,
                original_text, normalized_text, text_sha256, normalized_sha256, score, risk, risk_rank,
                hits_json, leads_json, entities_json, categories_json, contact_keys_json,
                pack_name, pack_version, first_seen_ms, last_seen_ms, copy_count, cluster_id,
                simhash, near_duplicate_eligible, status)
            VALUES (
                \(id), \(item.fingerprint), \(new.source.file), \(Int64(new.source.line)), \(new.source.postID),
                \(textColumn(new.source.url)), \(textColumn(new.source.author)), \(textColumn(new.source.postedAt)),
                \(item.metadataJSON), \(originalText), \(normalizedText), \(item.textSHA256),
                \(item.signature.normalizedTextSHA256), \(new.score), \(new.risk.rawValue), \(Int64(new.risk.rank)),
                \(item.hitsJSON), \(item.leadsJSON), \(item.entitiesJSON), \(item.categoriesJSON),
                \(item.contactKeysJSON), \(new.pack.name), \(new.pack.version), \(seen), \(seen), 1, \(clusterID),
                \(Int64(bitPattern: item.signature.simHash)), \(item.signature.nearDuplicateEligible), 'pending')
            """, logger: logger)
        if !item.signature.contactKeys.isEmpty {
            try await connection.query("""
                INSERT INTO item_contact (item_id, contact_key)
                SELECT \(id), key FROM unnest(\(item.signature.contactKeys)::text[]) AS key ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        if !item.ruleIDs.isEmpty {
            try await connection.query("""
                INSERT INTO item_rule (item_id, rule_id)
                SELECT \(id), rule_id FROM unnest(\(item.ruleIDs)::text[]) AS rule_id ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        if !item.categories.isEmpty {
            try await connection.query("""
                INSERT INTO item_category (item_id, category)
                SELECT \(id), category FROM unnest(\(item.categories)::text[]) AS category ON CONFLICT DO NOTHING
                """, logger: logger)
        }
    }

    /// An informational column: U+0000 (which `TEXT` cannot hold) becomes U+FFFD; the exact value
    /// stays in `metadata_json`.
    private static func textColumn(_ value: String?) -> String? {
        value.map { $0.contains("\u{0}") ? $0.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : $0 }
    }

    /// Updates copy counts and last-seen times of every post with the same normalized text as the
    /// new row; returns whether there was any other.
    private static func countCopies(of item: PreparedItem, connection: PostgresConnection,
                                    logger: Logger) async throws -> Bool {
        let hash = item.signature.normalizedTextSHA256
        let rows = try await connection.query("""
            SELECT COUNT(*) AS copies, MAX(last_seen_ms) AS last_seen FROM queue_item WHERE normalized_sha256 = \(hash)
            """, logger: logger).values()
        guard let row = rows.first else { return false }
        let copies: Int64 = try row.decode("copies")
        guard copies > 1 else { return false }
        let lastSeen: Int64 = try row.decode("last_seen", as: Int64?.self) ?? QueueTime.milliseconds(item.item.seenAt)
        try await connection.query("""
            UPDATE queue_item SET copy_count = \(copies), last_seen_ms = \(lastSeen) WHERE normalized_sha256 = \(hash)
            """, logger: logger)
        return true
    }

    /// Every queued item's clustering signature, for assigning new items.
    static func loadClusterIndex(_ connection: PostgresConnection, logger: Logger,
                                 clustering: Clustering) async throws -> ClusterIndex {
        var contactKeys: [Int64: [String]] = [:]
        for try await (itemID, key) in try await connection.query(
            "SELECT item_id, contact_key FROM item_contact", logger: logger).decode((Int64, String).self) {
            contactKeys[itemID, default: []].append(key)
        }
        var index = ClusterIndex(clustering: clustering)
        let rows = try await connection.query("""
            SELECT id, cluster_id, simhash, near_duplicate_eligible, normalized_sha256 FROM queue_item ORDER BY id
            """, logger: logger).decode((Int64, Int64, Int64, Bool, String).self)
        for try await (id, clusterID, simHash, eligible, normalizedSHA256) in rows {
            index.add(itemID: id, clusterID: clusterID, signature: ClusterSignature(
                simHash: UInt64(bitPattern: simHash), nearDuplicateEligible: eligible,
                normalizedTextSHA256: normalizedSHA256, contactKeys: contactKeys[id] ?? []))
        }
        return index
    }
}
