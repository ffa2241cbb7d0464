import Foundation
import PostgresNIO

extension PostgresReviewStore {
    public func list(_ filter: ReviewFilter, now: Date) async throws -> [QueueItemSummary] {
        try await read("listing the review queue") { connection, logger in
            try await connection.query(PostgresRows.filteredItems(columns: PostgresRows.summaryColumns, filter),
                                       logger: logger).values().map { try PostgresRows.summary($0, now: now) }
        }
    }

    public func item(id: Int64, now: Date) async throws -> QueueItem? {
        try await read("reading queue item \(id)") { connection, logger in
            try await connection.query(
                "SELECT \(unescaped: PostgresRows.itemColumns) FROM queue_item WHERE id = \(id)", logger: logger)
                .values().first.map { try PostgresRows.item($0, now: now) }
        }
    }

    /// Claims in one transaction: `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED)` leases
    /// the best free item that no other transaction has locked, then a per-cluster advisory lock
    /// makes the claim of its cluster exclusive. When another reviewer's claim holds that cluster
    /// (its lock is taken, or its lease committed meanwhile), the attempt is rolled back to a
    /// savepoint and the next cluster is tried.
    public func claimNext(reviewer: String, lease: Duration, now: Date) async throws -> Claim? {
        guard lease > .zero else { throw ReviewStoreError.invalidArgument("the lease must be longer than zero, not \(lease)") }
        guard !reviewer.isEmpty else { throw ReviewStoreError.invalidArgument("a claim needs the reviewer's name") }
        let nowMS = QueueTime.milliseconds(now)
        let untilMS = nowMS + QueueTime.milliseconds(lease)
        return try await transaction("claiming the next item for \(reviewer)") { connection, logger in
            var skippedClusters: [Int64] = []
            while true {
                try await connection.query("SAVEPOINT claim_attempt", logger: logger)
                let top = try await connection.query("""
                    UPDATE queue_item SET claimed_by = \(reviewer), claimed_until_ms = \(untilMS)
                    WHERE id = (
                        SELECT candidate.id FROM queue_item AS candidate
                        WHERE candidate.status = 'pending'
                          AND (candidate.claimed_until_ms IS NULL OR candidate.claimed_until_ms <= \(nowMS))
                          AND candidate.cluster_id <> ALL(\(skippedClusters)::bigint[])
                          AND NOT EXISTS (
                              SELECT 1 FROM queue_item AS other
                              WHERE other.cluster_id = candidate.cluster_id
                                AND other.claimed_until_ms > \(nowMS) AND other.claimed_by <> \(reviewer))
                        ORDER BY candidate.score DESC, candidate.first_seen_ms ASC, candidate.id ASC
                        LIMIT 1
                        FOR UPDATE SKIP LOCKED)
                    RETURNING id, cluster_id
                    """, logger: logger).values().first
                guard let top else { return nil }
                let itemID: Int64 = try top.decode("id")
                let clusterID: Int64 = try top.decode("cluster_id")
                if try await PostgresReviewStore.lockCluster(clusterID, reviewer: reviewer, nowMS: nowMS,
                                                             connection: connection, logger: logger) {
                    let others = try await connection.query("""
                        UPDATE queue_item SET claimed_by = \(reviewer), claimed_until_ms = \(untilMS)
                        WHERE cluster_id = \(clusterID) AND id <> \(itemID) AND status = 'pending'
                          AND (claimed_until_ms IS NULL OR claimed_until_ms <= \(nowMS))
                        RETURNING id
                        """, logger: logger).values().map { try $0.decode("id", as: Int64.self) }.sorted()
                    try await connection.query("RELEASE SAVEPOINT claim_attempt", logger: logger)
                    return Claim(reviewer: reviewer, itemID: itemID, clusterID: clusterID, itemIDs: [itemID] + others,
                                 leasedUntil: QueueTime.date(untilMS))
                }
                try await connection.query("ROLLBACK TO SAVEPOINT claim_attempt", logger: logger)
                skippedClusters.append(clusterID)
            }
        }
    }

    /// Takes the claim lock of `clusterID` for this transaction without waiting, then checks with a
    /// fresh snapshot that no other reviewer's lease on the cluster committed in the meantime.
    private static func lockCluster(_ clusterID: Int64, reviewer: String, nowMS: Int64,
                                    connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let key = Int32(truncatingIfNeeded: clusterID & 0x7FFF_FFFF)
        let locked = try await connection.query(
            "SELECT pg_try_advisory_xact_lock(\(PostgresSchema.claimLockNamespace), \(key)) AS locked",
            logger: logger).values().first?.decode("locked", as: Bool.self) ?? false
        guard locked else { return false }
        let heldByOther = try await connection.query("""
            SELECT 1 AS held FROM queue_item
            WHERE cluster_id = \(clusterID) AND claimed_until_ms > \(nowMS) AND claimed_by <> \(reviewer)
            LIMIT 1
            """, logger: logger).values()
        return heldByOther.isEmpty
    }

    public func release(itemIDs: [Int64], reviewer: String) async throws -> Int {
        guard !itemIDs.isEmpty else { return 0 }
        return try await transaction("releasing \(reviewer)'s claim") { connection, logger in
            try await connection.query("""
                UPDATE queue_item SET claimed_by = NULL, claimed_until_ms = NULL
                WHERE claimed_by = \(reviewer) AND id = ANY(\(itemIDs)::bigint[])
                RETURNING id
                """, logger: logger).values().count
        }
    }

    public func releaseExpiredLeases(now: Date) async throws -> Int {
        let nowMS = QueueTime.milliseconds(now)
        return try await transaction("releasing expired leases") { connection, logger in
            try await connection.query("""
                UPDATE queue_item SET claimed_by = NULL, claimed_until_ms = NULL
                WHERE claimed_until_ms IS NOT NULL AND claimed_until_ms <= \(nowMS)
                RETURNING id
                """, logger: logger).values().count
        }
    }

    public func decide(itemID: Int64, verdict: Verdict, reviewer: String, note: String?,
                       wholeCluster: Bool, now: Date) async throws -> [AuditEntry] {
        guard !reviewer.isEmpty else { throw ReviewStoreError.invalidArgument("a decision needs the reviewer's name") }
        let nowMS = QueueTime.milliseconds(now)
        return try await transaction("recording a decision on queue item \(itemID)") { connection, logger in
            // Lock the item first, then (for a whole cluster) its members in id order, so a claim
            // or another decision on them waits for this one.
            let found = try await connection.query(
                "SELECT cluster_id FROM queue_item WHERE id = \(itemID) FOR UPDATE", logger: logger).values()
            guard let clusterID = try found.first?.decode("cluster_id", as: Int64.self) else {
                throw ReviewStoreError.itemNotFound(itemID)
            }
            let targets: [PostgresRowValues] = wholeCluster
                ? try await connection.query("""
                    SELECT id, claimed_by, claimed_until_ms FROM queue_item WHERE cluster_id = \(clusterID)
                    ORDER BY id FOR UPDATE
                    """, logger: logger).values()
                : try await connection.query("""
                    SELECT id, claimed_by, claimed_until_ms FROM queue_item WHERE id = \(itemID)
                    """, logger: logger).values()
            for target in targets {
                if let holder = try target.decode("claimed_by", as: String?.self), holder != reviewer,
                   let until = try target.decode("claimed_until_ms", as: Int64?.self), until > nowMS {
                    throw ReviewStoreError.leasedByAnotherReviewer(
                        itemID: try target.decode("id"), reviewer: holder, until: QueueTime.date(until))
                }
            }
            var entries: [AuditEntry] = []
            for target in targets {
                let targetID: Int64 = try target.decode("id")
                let inserted = try await connection.query("""
                    INSERT INTO audit_entry (item_id, cluster_id, verdict, reviewer, note, whole_cluster, decided_at_ms)
                    VALUES (\(targetID), \(clusterID), \(verdict.rawValue), \(reviewer), \(note), \(wholeCluster), \(nowMS))
                    RETURNING id
                    """, logger: logger).values()
                guard let entryID = try inserted.first?.decode("id", as: Int64.self) else {
                    throw ReviewStoreError.database(operation: "recording a decision on queue item \(targetID)",
                                                    message: "the audit insert returned no id")
                }
                entries.append(AuditEntry(id: entryID, itemID: targetID, clusterID: clusterID, verdict: verdict,
                                          reviewer: reviewer, note: note, wholeCluster: wholeCluster,
                                          decidedAt: QueueTime.date(nowMS)))
                try await connection.query("""
                    UPDATE queue_item SET status = \(ReviewStatus(verdict).rawValue), claimed_by = NULL,
                        claimed_until_ms = NULL
                    WHERE id = \(targetID)
                    """, logger: logger)
            }
            return entries
        }
    }

    public func auditTrail(itemID: Int64) async throws -> [AuditEntry] {
        try await read("reading the audit trail of queue item \(itemID)") { connection, logger in
            try await connection.query("""
                SELECT \(unescaped: PostgresRows.auditColumns) FROM audit_entry WHERE item_id = \(itemID) ORDER BY id
                """, logger: logger).values().map(PostgresRows.audit)
        }
    }
}
