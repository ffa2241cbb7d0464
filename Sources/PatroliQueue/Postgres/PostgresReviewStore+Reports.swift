import Foundation
import PatroliCore
import PostgresNIO

extension PostgresReviewStore {
    public func export(_ filter: ReviewFilter) async throws -> [ExportRow] {
        // One transaction so the items and their audit trails are read from one snapshot.
        try await transaction("exporting the review queue") { connection, logger in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            let rows = try await connection.query(
                PostgresRows.filteredItems(columns: PostgresRows.itemColumns, filter), logger: logger).values()
            // Leases are not part of a case file: read items as if no lease were held.
            let items = try rows.map { try PostgresRows.item($0, now: .distantFuture) }
            var decisions: [Int64: [AuditEntry]] = [:]
            if !items.isEmpty {
                let ids = items.map(\.id)
                for row in try await connection.query("""
                    SELECT \(unescaped: PostgresRows.auditColumns) FROM audit_entry
                    WHERE item_id = ANY(\(ids)::bigint[]) ORDER BY id
                    """, logger: logger).values() {
                    let entry = try PostgresRows.audit(row)
                    decisions[entry.itemID, default: []].append(entry)
                }
            }
            return items.map { ExportRow(item: $0, decisions: decisions[$0.id] ?? []) }
        }
    }

    public func stats(now: Date) async throws -> QueueStats {
        let nowMS = QueueTime.milliseconds(now)
        return try await transaction("counting the review queue") { connection, logger in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            var byStatus = Dictionary(uniqueKeysWithValues: ReviewStatus.allCases.map { ($0, 0) })
            for try await (status, count) in try await connection.query(
                "SELECT status, COUNT(*) FROM queue_item GROUP BY status", logger: logger).decode((String, Int64).self) {
                if let status = ReviewStatus(rawValue: status) { byStatus[status] = Int(count) }
            }
            var byRisk = Dictionary(uniqueKeysWithValues: RiskLevel.allCases.map { ($0, 0) })
            for try await (risk, count) in try await connection.query(
                "SELECT risk, COUNT(*) FROM queue_item GROUP BY risk", logger: logger).decode((String, Int64).self) {
                if let risk = RiskLevel(rawValue: risk) { byRisk[risk] = Int(count) }
            }
            let counts = try await connection.query("""
                SELECT
                    (SELECT COUNT(*) FROM queue_item) AS total,
                    (SELECT COUNT(*) FROM (SELECT cluster_id FROM queue_item GROUP BY cluster_id
                                           HAVING COUNT(*) >= 2) AS groups) AS clusters,
                    (SELECT COALESCE(SUM(size), 0)::bigint FROM (SELECT COUNT(*) AS size FROM queue_item
                                                               GROUP BY cluster_id HAVING COUNT(*) >= 2) AS groups) AS clustered,
                    (SELECT COUNT(*) FROM queue_item
                     WHERE claimed_by IS NOT NULL AND claimed_until_ms > \(nowMS)) AS leased,
                    (SELECT COUNT(*) FROM audit_entry) AS decisions,
                    (SELECT COUNT(*) FROM run_ledger) AS ledger_files
                """, logger: logger).values()
            guard let row = counts.first else {
                throw ReviewStoreError.database(operation: "counting the review queue", message: "no counts returned")
            }
            return QueueStats(
                totalItems: Int(try row.decode("total", as: Int64.self)),
                byStatus: byStatus,
                byRisk: byRisk,
                multiMemberClusters: Int(try row.decode("clusters", as: Int64.self)),
                clusteredItems: Int(try row.decode("clustered", as: Int64.self)),
                leasedItems: Int(try row.decode("leased", as: Int64.self)),
                decisions: Int(try row.decode("decisions", as: Int64.self)),
                ledgerFiles: Int(try row.decode("ledger_files", as: Int64.self)))
        }
    }

    public func clusters(_ filter: ClusterFilter) async throws -> [ClusterSummary] {
        let minimumSize = Int64(max(1, filter.minimumSize))
        let limit = filter.limit.map { Int64(max(0, $0)) }
        return try await transaction("listing clusters") { connection, logger in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            let rows = try await connection.query("""
                SELECT \(unescaped: PostgresReviewStore.clusterAggregates) FROM queue_item GROUP BY cluster_id
                HAVING COUNT(*) >= \(minimumSize)
                   AND (NOT \(filter.pendingOnly) OR COUNT(*) FILTER (WHERE status = 'pending') > 0)
                ORDER BY COUNT(*) DESC, cluster_id ASC
                LIMIT \(limit)::bigint
                """, logger: logger).values()
            var summaries: [ClusterSummary] = []
            for row in rows {
                summaries.append(try await PostgresReviewStore.clusterSummary(row, connection: connection, logger: logger))
            }
            return summaries
        }
    }

    public func cluster(id: Int64) async throws -> ClusterSummary? {
        try await transaction("reading cluster \(id)") { connection, logger in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            let rows = try await connection.query("""
                SELECT \(unescaped: PostgresReviewStore.clusterAggregates) FROM queue_item
                WHERE cluster_id = \(id) GROUP BY cluster_id
                """, logger: logger).values()
            guard let row = rows.first else { return nil }
            return try await PostgresReviewStore.clusterSummary(row, connection: connection, logger: logger)
        }
    }

    private static let clusterAggregates = """
        cluster_id, COUNT(*) AS size, COUNT(DISTINCT normalized_sha256) AS distinct_texts,
        MAX(score) AS max_score, MAX(risk_rank) AS max_risk, COUNT(*) FILTER (WHERE status = 'pending') AS pending,
        MIN(first_seen_ms) AS first_seen, MAX(last_seen_ms) AS last_seen,
        array_agg(id ORDER BY id) AS member_ids
        """

    private static func clusterSummary(_ row: PostgresRowValues, connection: PostgresConnection,
                                       logger: Logger) async throws -> ClusterSummary {
        let id: Int64 = try row.decode("cluster_id")
        let members: [Int64] = try row.decode("member_ids")
        var contacts: [String] = []
        for try await contact in try await connection.query("""
            SELECT DISTINCT contact_key FROM item_contact WHERE item_id = ANY(\(members)::bigint[]) ORDER BY contact_key
            """, logger: logger).decode(String.self) {
            contacts.append(contact)
        }
        return ClusterSummary(
            id: id, size: Int(try row.decode("size", as: Int64.self)), memberIDs: members, contactKeys: contacts,
            distinctTexts: Int(try row.decode("distinct_texts", as: Int64.self)),
            maxScore: try row.decode("max_score"),
            maxRisk: RiskLevel(rank: Int(try row.decode("max_risk", as: Int64.self))),
            pendingCount: Int(try row.decode("pending", as: Int64.self)),
            firstSeen: QueueTime.date(try row.decode("first_seen")), lastSeen: QueueTime.date(try row.decode("last_seen")))
    }

    public func ledgerEntry(path: String) async throws -> LedgerEntry? {
        try await read("reading the run ledger for `\(path)`") { connection, logger in
            try await connection.query("""
                SELECT path, size, modified_at_ms, content_sha256, bytes_processed, records_processed, completed,
                       updated_at_ms
                FROM run_ledger WHERE path = \(path)
                """, logger: logger).values().first.map { row in
                LedgerEntry(path: try row.decode("path"), size: try row.decode("size"),
                            modifiedAt: QueueTime.date(try row.decode("modified_at_ms")),
                            contentSHA256: try row.decode("content_sha256"),
                            bytesProcessed: try row.decode("bytes_processed"),
                            recordsProcessed: try row.decode("records_processed"),
                            completed: try row.decode("completed"),
                            updatedAt: QueueTime.date(try row.decode("updated_at_ms")))
            }
        }
    }

    public func recordProgress(_ entry: LedgerEntry) async throws {
        try await transaction("recording batch progress for `\(entry.path)`") { connection, logger in
            try await connection.query("""
                INSERT INTO run_ledger (path, size, modified_at_ms, content_sha256, bytes_processed,
                                        records_processed, completed, updated_at_ms)
                VALUES (\(entry.path), \(entry.size), \(QueueTime.milliseconds(entry.modifiedAt)), \(entry.contentSHA256),
                        \(entry.bytesProcessed), \(entry.recordsProcessed), \(entry.completed),
                        \(QueueTime.milliseconds(entry.updatedAt)))
                ON CONFLICT (path) DO UPDATE SET
                    size = excluded.size, modified_at_ms = excluded.modified_at_ms,
                    content_sha256 = excluded.content_sha256, bytes_processed = excluded.bytes_processed,
                    records_processed = excluded.records_processed, completed = excluded.completed,
                    updated_at_ms = excluded.updated_at_ms
                """, logger: logger)
        }
    }
}

extension PostgresReviewStore: ReportTallying {
    /// The report's tallies, counted in SQL from one snapshot: categories and rules from their
    /// per-item tables, contact values from the stored entities (as `PostgresRows.item` decodes
    /// them), so the report never pulls every item over the network.
    func reportTallies() async throws -> ReportTallies {
        let kinds = ContactKind.allCases.map(\.rawValue)
        return try await transaction("reading the review queue for the report") { connection, logger in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            func counts(_ query: PostgresQuery) async throws -> [String: Int] {
                var result: [String: Int] = [:]
                for try await (name, count) in try await connection.query(query, logger: logger).decode((String?, Int64).self) {
                    if let name { result[name, default: 0] += Int(count) }
                }
                return result
            }
            var tallies = ReportTallies()
            tallies.category = try await counts("SELECT category, COUNT(*) FROM item_category GROUP BY category")
            tallies.rules = try await counts("SELECT rule_id, COUNT(*) FROM item_rule GROUP BY rule_id")
            tallies.contacts = try await counts("""
                SELECT name, COUNT(*) FROM (
                    SELECT DISTINCT q.id, c ->> 'value' AS name
                    FROM queue_item q, jsonb_array_elements(q.entities_json::jsonb -> 'contacts') c
                    WHERE c ->> 'kind' = ANY(\(kinds)::text[])) AS contacts
                GROUP BY name
                """)
            let day = DayNames()
            for try await (id, risk, file, postedAt, firstSeen) in try await connection.query(
                "SELECT id, risk, source_file, posted_at, first_seen_ms FROM queue_item", logger: logger)
                .decode((Int64, String, String, String?, Int64).self) {
                guard let level = RiskLevel(rawValue: risk) else {
                    throw ReviewStoreError.database(operation: "reading queue item \(id)", message: "unknown risk `\(risk)`")
                }
                tallies.add(risk: level, file: file, postedAt: postedAt, firstSeen: QueueTime.date(firstSeen), day: day)
            }
            return tallies
        }
    }
}
