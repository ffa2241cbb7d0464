import Foundation
import GRDB
import PatroliCore

/// Reading queue rows back into values, and turning filters into parameterized SQL.
enum SQLiteRows {
    static let itemColumns = """
        id, fingerprint, source_file, source_line, post_id, metadata_json, original_text, normalized_text,
        text_sha256, normalized_sha256, score, risk, hits_json, leads_json, entities_json, categories_json,
        contact_keys_json, pack_name, pack_version, first_seen_ms, last_seen_ms, copy_count, cluster_id,
        simhash, status, claimed_by, claimed_until_ms
        """

    static let summaryColumns = """
        id, cluster_id, source_file, source_line, post_id, score, risk, status, categories_json, original_text,
        first_seen_ms, last_seen_ms, copy_count, claimed_by, claimed_until_ms
        """

    static func item(_ row: Row, now: Date) throws -> QueueItem {
        let id: Int64 = row["id"]
        let simHash: Int64 = row["simhash"]
        return QueueItem(
            id: id,
            fingerprint: row["fingerprint"],
            source: PostSource(
                file: row["source_file"], line: row["source_line"], postID: row["post_id"],
                metadata: try QueueJSON.decode([MetadataField].self, from: row["metadata_json"], column: "metadata_json", itemID: id)),
            text: row["original_text"],
            normalizedText: row["normalized_text"],
            textSHA256: row["text_sha256"],
            normalizedTextSHA256: row["normalized_sha256"],
            score: row["score"],
            risk: try risk(row, id: id),
            hits: try QueueJSON.decode([QueueHit].self, from: row["hits_json"], column: "hits_json", itemID: id),
            leads: try QueueJSON.decode([String].self, from: row["leads_json"], column: "leads_json", itemID: id),
            entities: try QueueJSON.decodeEntities(row["entities_json"], itemID: id),
            categories: try QueueJSON.decode([String].self, from: row["categories_json"], column: "categories_json", itemID: id),
            contactKeys: try QueueJSON.decode([String].self, from: row["contact_keys_json"], column: "contact_keys_json", itemID: id),
            pack: RulePackVersion(name: row["pack_name"], version: row["pack_version"]),
            firstSeen: QueueTime.date(row["first_seen_ms"]),
            lastSeen: QueueTime.date(row["last_seen_ms"]),
            copyCount: row["copy_count"],
            clusterID: row["cluster_id"],
            simHash: UInt64(bitPattern: simHash),
            status: try status(row, id: id),
            lease: lease(row, now: now))
    }

    static func summary(_ row: Row, now: Date) throws -> QueueItemSummary {
        let id: Int64 = row["id"]
        return QueueItemSummary(
            id: id,
            clusterID: row["cluster_id"],
            file: row["source_file"],
            line: row["source_line"],
            postID: row["post_id"],
            score: row["score"],
            risk: try risk(row, id: id),
            status: try status(row, id: id),
            categories: try QueueJSON.decode([String].self, from: row["categories_json"], column: "categories_json", itemID: id),
            excerpt: QueueItemSummary.makeExcerpt(row["original_text"]),
            firstSeen: QueueTime.date(row["first_seen_ms"]),
            lastSeen: QueueTime.date(row["last_seen_ms"]),
            copyCount: row["copy_count"],
            lease: lease(row, now: now))
    }

    static func audit(_ row: Row) throws -> AuditEntry {
        let id: Int64 = row["id"]
        let verdictText: String = row["verdict"]
        guard let verdict = Verdict(rawValue: verdictText) else {
            throw ReviewStoreError.database(operation: "reading audit entry \(id)",
                                            message: "unknown verdict `\(verdictText)`")
        }
        return AuditEntry(id: id, itemID: row["item_id"], clusterID: row["cluster_id"], verdict: verdict,
                          reviewer: row["reviewer"], note: row["note"], wholeCluster: row["whole_cluster"],
                          decidedAt: QueueTime.date(row["decided_at_ms"]))
    }

    static func risk(_ row: Row, id: Int64) throws -> RiskLevel {
        let text: String = row["risk"]
        guard let risk = RiskLevel(rawValue: text) else {
            throw ReviewStoreError.database(operation: "reading queue item \(id)", message: "unknown risk `\(text)`")
        }
        return risk
    }

    private static func status(_ row: Row, id: Int64) throws -> ReviewStatus {
        let text: String = row["status"]
        guard let status = ReviewStatus(rawValue: text) else {
            throw ReviewStoreError.database(operation: "reading queue item \(id)", message: "unknown status `\(text)`")
        }
        return status
    }

    private static func lease(_ row: Row, now: Date) -> Lease? {
        guard let reviewer: String = row["claimed_by"], let until: Int64 = row["claimed_until_ms"],
              until > QueueTime.milliseconds(now) else { return nil }
        return Lease(reviewer: reviewer, leasedUntil: QueueTime.date(until))
    }

    /// `WHERE …` (or empty) and its arguments for `filter`.
    static func whereClause(_ filter: ReviewFilter) -> (sql: String, arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if !filter.risks.isEmpty {
            let risks = filter.risks.map(\.rawValue).sorted()
            conditions.append("risk IN (\(placeholders(risks.count)))")
            arguments += StatementArguments(risks)
        }
        if !filter.statuses.isEmpty {
            let statuses = filter.statuses.map(\.rawValue).sorted()
            conditions.append("status IN (\(placeholders(statuses.count)))")
            arguments += StatementArguments(statuses)
        }
        if let category = filter.category {
            conditions.append("id IN (SELECT item_id FROM item_category WHERE category = ?)")
            arguments += [category]
        }
        if let source = filter.source {
            conditions.append("source_file = ?")
            arguments += [source]
        }
        if let contact = filter.contact {
            let keys = Clustering.contactKeys(matching: contact)
            if keys.isEmpty {
                conditions.append("0")
            } else {
                conditions.append("id IN (SELECT item_id FROM item_contact WHERE contact_key IN (\(placeholders(keys.count))))")
                arguments += StatementArguments(keys)
            }
        }
        if let clusterID = filter.clusterID {
            conditions.append("cluster_id = ?")
            arguments += [clusterID]
        }
        let sql = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return (sql, arguments)
    }

    static func orderClause(_ sort: ReviewFilter.Sort) -> String {
        switch sort {
        case .score: return "ORDER BY score DESC, first_seen_ms ASC, id ASC"
        case .lastSeen: return "ORDER BY last_seen_ms DESC, id ASC"
        case .firstSeen: return "ORDER BY first_seen_ms ASC, id ASC"
        }
    }

    /// `LIMIT ? OFFSET ?` with its arguments (`-1` is SQLite's "no limit").
    static func pageClause(_ filter: ReviewFilter) -> (sql: String, arguments: StatementArguments) {
        ("LIMIT ? OFFSET ?", [Int64(filter.limit ?? -1), Int64(max(0, filter.offset))])
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
