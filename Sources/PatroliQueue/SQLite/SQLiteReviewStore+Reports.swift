import Foundation
import GRDB
import PatroliCore

extension SQLiteReviewStore {
    public func export(_ filter: ReviewFilter) async throws -> [ExportRow] {
        try await read("exporting the review queue") { db in
            let (whereSQL, whereArguments) = SQLiteRows.whereClause(filter)
            let (pageSQL, pageArguments) = SQLiteRows.pageClause(filter)
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(SQLiteRows.itemColumns) FROM queue_item \(whereSQL) \(SQLiteRows.orderClause(filter.sort)) \(pageSQL)
                """, arguments: whereArguments + pageArguments)
            // Leases are not part of a case file: read items as if no lease were held.
            let items = try rows.map { try SQLiteRows.item($0, now: .distantFuture) }
            return try items.map { item in
                let decisions = try Row.fetchAll(
                    db, sql: "SELECT * FROM audit_entry WHERE item_id = ? ORDER BY id", arguments: [item.id])
                    .map(SQLiteRows.audit)
                return ExportRow(item: item, decisions: decisions)
            }
        }
    }

    public func stats(now: Date) async throws -> QueueStats {
        let nowMS = QueueTime.milliseconds(now)
        return try await read("counting the review queue") { db in
            var byStatus = Dictionary(uniqueKeysWithValues: ReviewStatus.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM queue_item GROUP BY status") {
                if let status = ReviewStatus(rawValue: row["status"]) { byStatus[status] = row["n"] }
            }
            var byRisk = Dictionary(uniqueKeysWithValues: RiskLevel.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT risk, COUNT(*) AS n FROM queue_item GROUP BY risk") {
                if let risk = RiskLevel(rawValue: row["risk"]) { byRisk[risk] = row["n"] }
            }
            let clusters = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS clusters, COALESCE(SUM(size), 0) AS items FROM (
                    SELECT COUNT(*) AS size FROM queue_item GROUP BY cluster_id HAVING COUNT(*) >= 2)
                """)
            return QueueStats(
                totalItems: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queue_item") ?? 0,
                byStatus: byStatus,
                byRisk: byRisk,
                multiMemberClusters: clusters?["clusters"] ?? 0,
                clusteredItems: clusters?["items"] ?? 0,
                leasedItems: try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM queue_item WHERE claimed_by IS NOT NULL AND claimed_until_ms > ?
                    """, arguments: [nowMS]) ?? 0,
                decisions: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_entry") ?? 0,
                ledgerFiles: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run_ledger") ?? 0)
        }
    }

    public func clusters(_ filter: ClusterFilter) async throws -> [ClusterSummary] {
        try await read("listing clusters") { db in
            let having = filter.pendingOnly
                ? "HAVING COUNT(*) >= ? AND SUM(status = 'pending') > 0"
                : "HAVING COUNT(*) >= ?"
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(SQLiteReviewStore.clusterAggregates) FROM queue_item GROUP BY cluster_id \(having)
                ORDER BY COUNT(*) DESC, cluster_id ASC LIMIT ?
                """, arguments: [max(1, filter.minimumSize), Int64(filter.limit ?? -1)])
            return try rows.map { try SQLiteReviewStore.clusterSummary($0, db: db) }
        }
    }

    public func cluster(id: Int64) async throws -> ClusterSummary? {
        try await read("reading cluster \(id)") { db in
            try Row.fetchOne(db, sql: """
                SELECT \(SQLiteReviewStore.clusterAggregates) FROM queue_item WHERE cluster_id = ? GROUP BY cluster_id
                """, arguments: [id]).map { try SQLiteReviewStore.clusterSummary($0, db: db) }
        }
    }

    private static let clusterAggregates = """
        cluster_id, COUNT(*) AS size, COUNT(DISTINCT normalized_sha256) AS distinct_texts,
        MAX(score) AS max_score, MAX(risk_rank) AS max_risk, SUM(status = 'pending') AS pending,
        MIN(first_seen_ms) AS first_seen, MAX(last_seen_ms) AS last_seen
        """

    private static func clusterSummary(_ row: Row, db: Database) throws -> ClusterSummary {
        let id: Int64 = row["cluster_id"]
        let members = try Int64.fetchAll(db, sql: "SELECT id FROM queue_item WHERE cluster_id = ? ORDER BY id", arguments: [id])
        let contacts = try String.fetchAll(db, sql: """
            SELECT DISTINCT contact_key FROM item_contact
            WHERE item_id IN (SELECT id FROM queue_item WHERE cluster_id = ?) ORDER BY contact_key
            """, arguments: [id])
        return ClusterSummary(
            id: id, size: row["size"], memberIDs: members, contactKeys: contacts,
            distinctTexts: row["distinct_texts"], maxScore: row["max_score"],
            maxRisk: RiskLevel(rank: row["max_risk"]), pendingCount: row["pending"],
            firstSeen: QueueTime.date(row["first_seen"]), lastSeen: QueueTime.date(row["last_seen"]))
    }

    public func ledgerEntry(path: String) async throws -> LedgerEntry? {
        try await read("reading the run ledger for `\(path)`") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM run_ledger WHERE path = ?", arguments: [path]).map { row in
                LedgerEntry(path: row["path"], size: row["size"], modifiedAt: QueueTime.date(row["modified_at_ms"]),
                            contentSHA256: row["content_sha256"], bytesProcessed: row["bytes_processed"],
                            recordsProcessed: row["records_processed"], completed: row["completed"],
                            updatedAt: QueueTime.date(row["updated_at_ms"]))
            }
        }
    }

    public func recordProgress(_ entry: LedgerEntry) async throws {
        try await write("recording batch progress for `\(entry.path)`") { db in
            try db.execute(sql: """
                INSERT INTO run_ledger (path, size, modified_at_ms, content_sha256, bytes_processed,
                                        records_processed, completed, updated_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET
                    size = excluded.size, modified_at_ms = excluded.modified_at_ms,
                    content_sha256 = excluded.content_sha256, bytes_processed = excluded.bytes_processed,
                    records_processed = excluded.records_processed, completed = excluded.completed,
                    updated_at_ms = excluded.updated_at_ms
                """, arguments: [entry.path, entry.size, QueueTime.milliseconds(entry.modifiedAt), entry.contentSHA256,
                                 entry.bytesProcessed, entry.recordsProcessed, entry.completed,
                                 QueueTime.milliseconds(entry.updatedAt)])
        }
    }
}

extension SQLiteReviewStore: ReportTallying {
    /// The report's tallies, counted in SQL: categories and rules from their per-item tables,
    /// contact values picked out of the stored entities by SQLite's JSON functions (as
    /// `SQLiteRows.item` decodes them).
    func reportTallies() async throws -> ReportTallies {
        let kinds = ContactKind.allCases.map(\.rawValue)
        return try await read("reading the review queue for the report") { db in
            func counts(_ sql: String, _ arguments: StatementArguments = []) throws -> [String: Int] {
                var result: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                    let value: String? = row[0]
                    if let value { result[value, default: 0] += row[1] as Int }
                }
                return result
            }
            var tallies = ReportTallies()
            // item_category holds each item's distinct hit categories, written with the item.
            tallies.category = try counts("SELECT category, COUNT(*) FROM item_category GROUP BY category")
            // item_rule holds each item's distinct rule ids, written with the item.
            tallies.rules = try counts("SELECT rule_id, COUNT(*) FROM item_rule GROUP BY rule_id")
            tallies.contacts = try counts("""
                SELECT name, COUNT(*) FROM (
                    SELECT DISTINCT q.id, json_extract(c.value, '$.value') AS name
                    FROM queue_item q, json_each(q.entities_json, '$.contacts') c
                    WHERE json_extract(c.value, '$.kind') IN (\(kinds.map { _ in "?" }.joined(separator: ", "))))
                GROUP BY name
                """, StatementArguments(kinds))
            let day = DayNames()
            let rows = try Row.fetchCursor(db, sql: "SELECT id, risk, source_file, posted_at, first_seen_ms FROM queue_item")
            while let row = try rows.next() {
                tallies.add(risk: try SQLiteRows.risk(row, id: row["id"]), file: row["source_file"], postedAt: row["posted_at"],
                            firstSeen: QueueTime.date(row["first_seen_ms"]), day: day)
            }
            return tallies
        }
    }
}
