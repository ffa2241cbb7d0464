import Foundation
import PatroliCore

/// What `insert` did with a batch.
public struct InsertSummary: Sendable, Hashable {
    /// New items written.
    public var inserted: Int
    /// Items whose fingerprint was already queued: nothing changed (re-run of a batch).
    public var duplicates: Int
    /// Of the inserted, how many were copies (same normalized text as an already queued post).
    public var copies: Int
    /// For each input item, in order: its item id (new or existing).
    public var itemIDs: [Int64]

    public init(inserted: Int = 0, duplicates: Int = 0, copies: Int = 0, itemIDs: [Int64] = []) {
        self.inserted = inserted
        self.duplicates = duplicates
        self.copies = copies
        self.itemIDs = itemIDs
    }
}

/// Items handed to one reviewer by `claimNext`: the top pending item and, when it belongs to a
/// cluster, every other pending member of that cluster not leased by someone else.
public struct Claim: Sendable, Hashable {
    public var reviewer: String
    /// The item that ranked first (highest score, then earliest first seen, then lowest id).
    public var itemID: Int64
    public var clusterID: Int64
    /// All items leased by this claim, `itemID` first, then by id.
    public var itemIDs: [Int64]
    public var leasedUntil: Date

    public init(reviewer: String, itemID: Int64, clusterID: Int64, itemIDs: [Int64], leasedUntil: Date) {
        self.reviewer = reviewer
        self.itemID = itemID
        self.clusterID = clusterID
        self.itemIDs = itemIDs
        self.leasedUntil = leasedUntil
    }
}

/// One decision in the append-only audit trail.
public struct AuditEntry: Sendable, Hashable, Identifiable {
    /// Increasing with the order decisions were recorded.
    public var id: Int64
    public var itemID: Int64
    /// The item's cluster when the decision was made.
    public var clusterID: Int64
    public var verdict: Verdict
    public var reviewer: String
    public var note: String?
    /// True when the decision was made for the whole cluster at once.
    public var wholeCluster: Bool
    public var decidedAt: Date

    public init(id: Int64, itemID: Int64, clusterID: Int64, verdict: Verdict, reviewer: String,
                note: String?, wholeCluster: Bool, decidedAt: Date) {
        self.id = id
        self.itemID = itemID
        self.clusterID = clusterID
        self.verdict = verdict
        self.reviewer = reviewer
        self.note = note
        self.wholeCluster = wholeCluster
        self.decidedAt = decidedAt
    }
}

/// A group of linked posts: near-duplicates and posts sharing a contact.
public struct ClusterSummary: Sendable, Hashable, Identifiable {
    /// The smallest item id among the members.
    public var id: Int64
    public var size: Int
    /// Member item ids, ascending.
    public var memberIDs: [Int64]
    /// Distinct contact keys of the members, sorted.
    public var contactKeys: [String]
    /// How many distinct normalized texts the members have (`size - distinctTexts` are copies).
    public var distinctTexts: Int
    public var maxScore: Double
    public var maxRisk: RiskLevel
    /// Members not yet decided.
    public var pendingCount: Int
    public var firstSeen: Date
    public var lastSeen: Date

    public init(id: Int64, size: Int, memberIDs: [Int64], contactKeys: [String], distinctTexts: Int,
                maxScore: Double, maxRisk: RiskLevel, pendingCount: Int, firstSeen: Date, lastSeen: Date) {
        self.id = id
        self.size = size
        self.memberIDs = memberIDs
        self.contactKeys = contactKeys
        self.distinctTexts = distinctTexts
        self.maxScore = maxScore
        self.maxRisk = maxRisk
        self.pendingCount = pendingCount
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}

/// One post for a case file: the original text, its SHA-256, its source and every decision.
public struct ExportRow: Sendable, Hashable {
    public var item: QueueItem
    /// The item's audit trail, oldest first.
    public var decisions: [AuditEntry]

    public init(item: QueueItem, decisions: [AuditEntry]) {
        self.item = item
        self.decisions = decisions
    }
}

/// Counts over the whole queue.
public struct QueueStats: Sendable, Hashable {
    public var totalItems: Int
    /// Items per status; every status is present (0 when none).
    public var byStatus: [ReviewStatus: Int]
    /// Items per risk level; every level is present (0 when none).
    public var byRisk: [RiskLevel: Int]
    /// Clusters with at least two members.
    public var multiMemberClusters: Int
    /// Items in clusters with at least two members.
    public var clusteredItems: Int
    /// Items under a lease that has not expired at `now`.
    public var leasedItems: Int
    /// Rows in the audit trail.
    public var decisions: Int
    /// Files in the run ledger.
    public var ledgerFiles: Int

    public init(totalItems: Int, byStatus: [ReviewStatus: Int], byRisk: [RiskLevel: Int],
                multiMemberClusters: Int, clusteredItems: Int, leasedItems: Int, decisions: Int,
                ledgerFiles: Int) {
        self.totalItems = totalItems
        self.byStatus = byStatus
        self.byRisk = byRisk
        self.multiMemberClusters = multiMemberClusters
        self.clusteredItems = clusteredItems
        self.leasedItems = leasedItems
        self.decisions = decisions
        self.ledgerFiles = ledgerFiles
    }
}

/// How far a nightly batch got through one input file, for resuming.
public struct LedgerEntry: Sendable, Hashable {
    /// The file path as given to the batch runner (the key).
    public var path: String
    public var size: Int64
    public var modifiedAt: Date
    /// SHA-256 (hex) of the file's bytes when the run started.
    public var contentSHA256: String
    /// Input bytes consumed (of the file as stored, compressed for `.gz`).
    public var bytesProcessed: Int64
    /// Records (lines) consumed.
    public var recordsProcessed: Int64
    /// True when the file was read to its end.
    public var completed: Bool
    public var updatedAt: Date

    public init(path: String, size: Int64, modifiedAt: Date, contentSHA256: String,
                bytesProcessed: Int64, recordsProcessed: Int64, completed: Bool, updatedAt: Date) {
        self.path = path
        self.size = size
        self.modifiedAt = modifiedAt
        self.contentSHA256 = contentSHA256
        self.bytesProcessed = bytesProcessed
        self.recordsProcessed = recordsProcessed
        self.completed = completed
        self.updatedAt = updatedAt
    }
}
