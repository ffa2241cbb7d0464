import Foundation
import GRDB

extension SQLiteReviewStore {
    public func list(_ filter: ReviewFilter, now: Date) async throws -> [QueueItemSummary] {
        try await read("listing the review queue") { db in
            let (whereSQL, whereArguments) = SQLiteRows.whereClause(filter)
            let (pageSQL, pageArguments) = SQLiteRows.pageClause(filter)
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(SQLiteRows.summaryColumns) FROM queue_item \(whereSQL) \(SQLiteRows.orderClause(filter.sort)) \(pageSQL)
                """, arguments: whereArguments + pageArguments)
            return try rows.map { try SQLiteRows.summary($0, now: now) }
        }
    }

    public func item(id: Int64, now: Date) async throws -> QueueItem? {
        try await read("reading queue item \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT \(SQLiteRows.itemColumns) FROM queue_item WHERE id = ?", arguments: [id])
                .map { try SQLiteRows.item($0, now: now) }
        }
    }

    public func claimNext(reviewer: String, lease: Duration, now: Date) async throws -> Claim? {
        guard lease > .zero else { throw ReviewStoreError.invalidArgument("the lease must be longer than zero, not \(lease)") }
        guard !reviewer.isEmpty else { throw ReviewStoreError.invalidArgument("a claim needs the reviewer's name") }
        let nowMS = QueueTime.milliseconds(now)
        let untilMS = nowMS + QueueTime.milliseconds(lease)
        return try await write("claiming the next item for \(reviewer)") { db in
            // One IMMEDIATE transaction holds SQLite's write lock from the choice to the update;
            // the update re-checks the lease anyway, so a claim is never handed out twice.
            guard let top = try Row.fetchOne(db, sql: """
                SELECT id, cluster_id FROM queue_item AS candidate
                WHERE status = 'pending'
                  AND (claimed_until_ms IS NULL OR claimed_until_ms <= ?)
                  AND NOT EXISTS (
                      SELECT 1 FROM queue_item AS other
                      WHERE other.cluster_id = candidate.cluster_id
                        AND other.claimed_until_ms > ? AND other.claimed_by <> ?)
                ORDER BY score DESC, first_seen_ms ASC, id ASC
                LIMIT 1
                """, arguments: [nowMS, nowMS, reviewer]) else { return nil }
            let itemID: Int64 = top["id"]
            let clusterID: Int64 = top["cluster_id"]
            let claimed = try Int64.fetchAll(db, sql: """
                UPDATE queue_item SET claimed_by = ?, claimed_until_ms = ?
                WHERE (id = ? OR cluster_id = ?) AND status = 'pending'
                  AND (claimed_until_ms IS NULL OR claimed_until_ms <= ?)
                RETURNING id
                """, arguments: [reviewer, untilMS, itemID, clusterID, nowMS])
            guard claimed.contains(itemID) else { return nil }
            let others = claimed.filter { $0 != itemID }.sorted()
            return Claim(reviewer: reviewer, itemID: itemID, clusterID: clusterID, itemIDs: [itemID] + others,
                         leasedUntil: QueueTime.date(untilMS))
        }
    }

    public func release(itemIDs: [Int64], reviewer: String) async throws -> Int {
        guard !itemIDs.isEmpty else { return 0 }
        return try await write("releasing \(reviewer)'s claim") { db in
            try db.execute(sql: """
                UPDATE queue_item SET claimed_by = NULL, claimed_until_ms = NULL
                WHERE claimed_by = ? AND id IN (\(SQLiteRows.placeholders(itemIDs.count)))
                """, arguments: [reviewer] + StatementArguments(itemIDs))
            return db.changesCount
        }
    }

    public func releaseExpiredLeases(now: Date) async throws -> Int {
        let nowMS = QueueTime.milliseconds(now)
        return try await write("releasing expired leases") { db in
            try db.execute(sql: """
                UPDATE queue_item SET claimed_by = NULL, claimed_until_ms = NULL
                WHERE claimed_until_ms IS NOT NULL AND claimed_until_ms <= ?
                """, arguments: [nowMS])
            return db.changesCount
        }
    }

    public func decide(itemID: Int64, verdict: Verdict, reviewer: String, note: String?,
                       wholeCluster: Bool, now: Date) async throws -> [AuditEntry] {
        guard !reviewer.isEmpty else { throw ReviewStoreError.invalidArgument("a decision needs the reviewer's name") }
        let nowMS = QueueTime.milliseconds(now)
        return try await write("recording a decision on queue item \(itemID)") { db in
            guard let clusterID = try Int64.fetchOne(
                db, sql: "SELECT cluster_id FROM queue_item WHERE id = ?", arguments: [itemID]) else {
                throw ReviewStoreError.itemNotFound(itemID)
            }
            let targets = wholeCluster
                ? try Row.fetchAll(db, sql: """
                    SELECT id, claimed_by, claimed_until_ms FROM queue_item WHERE cluster_id = ? ORDER BY id
                    """, arguments: [clusterID])
                : try Row.fetchAll(db, sql: """
                    SELECT id, claimed_by, claimed_until_ms FROM queue_item WHERE id = ?
                    """, arguments: [itemID])
            for target in targets {
                if let holder: String = target["claimed_by"], holder != reviewer,
                   let until: Int64 = target["claimed_until_ms"], until > nowMS {
                    throw ReviewStoreError.leasedByAnotherReviewer(itemID: target["id"], reviewer: holder,
                                                                   until: QueueTime.date(until))
                }
            }
            var entries: [AuditEntry] = []
            for target in targets {
                let targetID: Int64 = target["id"]
                try db.execute(sql: """
                    INSERT INTO audit_entry (item_id, cluster_id, verdict, reviewer, note, whole_cluster, decided_at_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [targetID, clusterID, verdict.rawValue, reviewer, note, wholeCluster, nowMS])
                entries.append(AuditEntry(id: db.lastInsertedRowID, itemID: targetID, clusterID: clusterID,
                                          verdict: verdict, reviewer: reviewer, note: note,
                                          wholeCluster: wholeCluster, decidedAt: QueueTime.date(nowMS)))
                try db.execute(sql: """
                    UPDATE queue_item SET status = ?, claimed_by = NULL, claimed_until_ms = NULL WHERE id = ?
                    """, arguments: [ReviewStatus(verdict).rawValue, targetID])
            }
            return entries
        }
    }

    public func auditTrail(itemID: Int64) async throws -> [AuditEntry] {
        try await read("reading the audit trail of queue item \(itemID)") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_entry WHERE item_id = ? ORDER BY id", arguments: [itemID])
                .map(SQLiteRows.audit)
        }
    }
}
