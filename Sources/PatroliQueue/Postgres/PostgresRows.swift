import Foundation
import PatroliCore
import PostgresNIO

/// One result row by column name, decoding with errors instead of postgres-nio's trap on an
/// unknown column.
struct PostgresRowValues {
    private var cells: [String: PostgresCell] = [:]

    init(_ row: PostgresRow) {
        for cell in row { cells[cell.columnName] = cell }
    }

    func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let cell = cells[column] else {
            throw ReviewStoreError.database(operation: "reading column `\(column)`",
                                            message: "the query returned no such column")
        }
        do {
            return try cell.decode(T.self)
        } catch {
            throw ReviewStoreError.database(operation: "reading column `\(column)`", message: "\(error)")
        }
    }

    /// A `BYTEA` column holding UTF-8 text.
    func text(_ column: String) throws -> String {
        var buffer = try decode(column, as: ByteBuffer.self)
        return buffer.readString(length: buffer.readableBytes) ?? ""
    }
}

extension PostgresRowSequence {
    /// Every row, by column name.
    func values() async throws -> [PostgresRowValues] {
        var rows: [PostgresRowValues] = []
        for try await row in self { rows.append(PostgresRowValues(row)) }
        return rows
    }
}

/// Reading queue rows back into values, and filters into one static, parameterized statement.
enum PostgresRows {
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

    static let auditColumns = "id, item_id, cluster_id, verdict, reviewer, note, whole_cluster, decided_at_ms"

    static func item(_ row: PostgresRowValues, now: Date) throws -> QueueItem {
        let id: Int64 = try row.decode("id")
        return QueueItem(
            id: id,
            fingerprint: try row.decode("fingerprint"),
            source: PostSource(
                file: try row.decode("source_file"), line: Int(try row.decode("source_line", as: Int64.self)),
                postID: try row.decode("post_id"),
                metadata: try QueueJSON.decode([MetadataField].self, from: try row.decode("metadata_json"),
                                               column: "metadata_json", itemID: id)),
            text: try row.text("original_text"),
            normalizedText: try row.text("normalized_text"),
            textSHA256: try row.decode("text_sha256"),
            normalizedTextSHA256: try row.decode("normalized_sha256"),
            score: try row.decode("score"),
            risk: try risk(row, id: id),
            hits: try QueueJSON.decode([QueueHit].self, from: try row.decode("hits_json"), column: "hits_json", itemID: id),
            leads: try QueueJSON.decode([String].self, from: try row.decode("leads_json"), column: "leads_json", itemID: id),
            entities: try QueueJSON.decodeEntities(try row.decode("entities_json"), itemID: id),
            categories: try QueueJSON.decode([String].self, from: try row.decode("categories_json"),
                                             column: "categories_json", itemID: id),
            contactKeys: try QueueJSON.decode([String].self, from: try row.decode("contact_keys_json"),
                                              column: "contact_keys_json", itemID: id),
            pack: RulePackVersion(name: try row.decode("pack_name"), version: try row.decode("pack_version")),
            firstSeen: QueueTime.date(try row.decode("first_seen_ms")),
            lastSeen: QueueTime.date(try row.decode("last_seen_ms")),
            copyCount: Int(try row.decode("copy_count", as: Int64.self)),
            clusterID: try row.decode("cluster_id"),
            simHash: UInt64(bitPattern: try row.decode("simhash", as: Int64.self)),
            status: try status(row, id: id),
            lease: try lease(row, now: now))
    }

    static func summary(_ row: PostgresRowValues, now: Date) throws -> QueueItemSummary {
        let id: Int64 = try row.decode("id")
        return QueueItemSummary(
            id: id,
            clusterID: try row.decode("cluster_id"),
            file: try row.decode("source_file"),
            line: Int(try row.decode("source_line", as: Int64.self)),
            postID: try row.decode("post_id"),
            score: try row.decode("score"),
            risk: try risk(row, id: id),
            status: try status(row, id: id),
            categories: try QueueJSON.decode([String].self, from: try row.decode("categories_json"),
                                             column: "categories_json", itemID: id),
            excerpt: QueueItemSummary.makeExcerpt(try row.text("original_text")),
            firstSeen: QueueTime.date(try row.decode("first_seen_ms")),
            lastSeen: QueueTime.date(try row.decode("last_seen_ms")),
            copyCount: Int(try row.decode("copy_count", as: Int64.self)),
            lease: try lease(row, now: now))
    }

    static func audit(_ row: PostgresRowValues) throws -> AuditEntry {
        let id: Int64 = try row.decode("id")
        let verdictText: String = try row.decode("verdict")
        guard let verdict = Verdict(rawValue: verdictText) else {
            throw ReviewStoreError.database(operation: "reading audit entry \(id)",
                                            message: "unknown verdict `\(verdictText)`")
        }
        return AuditEntry(id: id, itemID: try row.decode("item_id"), clusterID: try row.decode("cluster_id"),
                          verdict: verdict, reviewer: try row.decode("reviewer"), note: try row.decode("note"),
                          wholeCluster: try row.decode("whole_cluster"),
                          decidedAt: QueueTime.date(try row.decode("decided_at_ms")))
    }

    private static func risk(_ row: PostgresRowValues, id: Int64) throws -> RiskLevel {
        let text: String = try row.decode("risk")
        guard let risk = RiskLevel(rawValue: text) else {
            throw ReviewStoreError.database(operation: "reading queue item \(id)", message: "unknown risk `\(text)`")
        }
        return risk
    }

    private static func status(_ row: PostgresRowValues, id: Int64) throws -> ReviewStatus {
        let text: String = try row.decode("status")
        guard let status = ReviewStatus(rawValue: text) else {
            throw ReviewStoreError.database(operation: "reading queue item \(id)", message: "unknown status `\(text)`")
        }
        return status
    }

    private static func lease(_ row: PostgresRowValues, now: Date) throws -> Lease? {
        guard let reviewer: String = try row.decode("claimed_by"),
              let until: Int64 = try row.decode("claimed_until_ms"),
              until > QueueTime.milliseconds(now) else { return nil }
        return Lease(reviewer: reviewer, leasedUntil: QueueTime.date(until))
    }

    /// `SELECT columns FROM queue_item WHERE … ORDER BY … LIMIT … OFFSET …` for `filter`.
    ///
    /// The statement text is the same for every filter but the sort: each condition is switched
    /// off by its own parameter (an empty array or NULL), so every value is bound.
    static func filteredItems(columns: String, _ filter: ReviewFilter) -> PostgresQuery {
        let risks = filter.risks.map(\.rawValue).sorted()
        let statuses = filter.statuses.map(\.rawValue).sorted()
        let contactKeys = filter.contact.map { Clustering.contactKeys(matching: $0) }
        let limit = filter.limit.map { Int64(max(0, $0)) }
        let offset = Int64(max(0, filter.offset))
        return """
            SELECT \(unescaped: columns) FROM queue_item
            WHERE (cardinality(\(risks)::text[]) = 0 OR risk = ANY(\(risks)::text[]))
              AND (cardinality(\(statuses)::text[]) = 0 OR status = ANY(\(statuses)::text[]))
              AND (\(filter.category)::text IS NULL
                   OR id IN (SELECT item_id FROM item_category WHERE category = \(filter.category)::text))
              AND (\(filter.source)::text IS NULL OR source_file = \(filter.source)::text)
              AND (\(contactKeys)::text[] IS NULL
                   OR id IN (SELECT item_id FROM item_contact WHERE contact_key = ANY(\(contactKeys)::text[])))
              AND (\(filter.clusterID)::bigint IS NULL OR cluster_id = \(filter.clusterID)::bigint)
            \(unescaped: orderClause(filter.sort))
            LIMIT \(limit)::bigint OFFSET \(offset)
            """
    }

    static func orderClause(_ sort: ReviewFilter.Sort) -> String {
        switch sort {
        case .score: return "ORDER BY score DESC, first_seen_ms ASC, id ASC"
        case .lastSeen: return "ORDER BY last_seen_ms DESC, id ASC"
        case .firstSeen: return "ORDER BY first_seen_ms ASC, id ASC"
        }
    }
}
