import Foundation

/// The review queue: flagged posts, their clusters, reviewers' leases and decisions, and the run
/// ledger of nightly batches. One protocol, two stores (`SQLiteReviewStore`, the embedded
/// default, and the PostgreSQL store for units sharing one queue), one contract test suite
/// (`ReviewStoreContract`) run against both.
///
/// Rules every store follows:
/// - Times are stored with millisecond precision; every time-dependent call takes `now`.
/// - `insert` is idempotent by `NewQueueItem.fingerprint`: a fingerprint already queued is a
///   no-op (counted in `duplicates`). A new post whose normalized text is already queued is a
///   copy: every item with that text gets `copyCount + 1` and `lastSeen = max(lastSeen, seenAt)`.
/// - Clusters are assigned at insert time with `Clustering`: a new item links to every queued
///   item with the same normalized text, a SimHash within the configured Hamming distance, or a
///   shared contact key; linked clusters merge; a cluster's id is the smallest member item id.
///   Items are inserted in input order, so the result is deterministic.
/// - A lease is free when absent or when `leasedUntil <= now`. Claiming is one atomic conditional
///   update: two reviewers (tasks, processes or machines) never hold the same item at once.
/// - The audit table is append-only: decisions are inserted, never updated or deleted. An item's
///   `status` is its latest verdict. Deciding releases the decided items' leases.
public protocol ReviewStore: Sendable {
    /// Creates or upgrades the schema. Safe to call on every start.
    func migrate() async throws

    /// Queues posts in order; see the type's rules for idempotency, copies and clusters.
    func insert(_ items: [NewQueueItem]) async throws -> InsertSummary

    /// Summaries of the items matching `filter`, in its sort order, paged by `limit`/`offset`.
    func list(_ filter: ReviewFilter, now: Date) async throws -> [QueueItemSummary]

    /// The full item, or nil when no item has this id. `lease` is nil unless held at `now`.
    func item(id: Int64, now: Date) async throws -> QueueItem?

    /// Leases the top pending, unleased item (highest score, then earliest first seen, then lowest
    /// id) to `reviewer` until `now + lease`, together with every other pending, unleased member
    /// of its cluster. Items whose cluster has a member under another reviewer's unexpired lease
    /// are skipped, so two reviewers never work the same cluster. Returns nil when nothing is left
    /// to claim. Expired leases count as free. `lease` must be positive.
    func claimNext(reviewer: String, lease: Duration, now: Date) async throws -> Claim?

    /// Gives back `reviewer`'s unexpired leases on `itemIDs` (other reviewers' leases are left).
    /// Returns how many items were released.
    func release(itemIDs: [Int64], reviewer: String) async throws -> Int

    /// Clears every lease that expired at or before `now`; returns how many. (`claimNext` already
    /// treats expired leases as free; this tidies `list` and `stats`.)
    func releaseExpiredLeases(now: Date) async throws -> Int

    /// Records `verdict` by `reviewer` on the item, or on every member of its cluster when
    /// `wholeCluster`, appending one audit entry per item, and returns those entries.
    /// Throws `ReviewStoreError.itemNotFound` for an unknown id and
    /// `.leasedByAnotherReviewer` when another reviewer holds an unexpired lease on any target.
    func decide(itemID: Int64, verdict: Verdict, reviewer: String, note: String?,
                wholeCluster: Bool, now: Date) async throws -> [AuditEntry]

    /// Every decision on the item, oldest first.
    func auditTrail(itemID: Int64) async throws -> [AuditEntry]

    /// The items matching `filter` with their full content and audit trails, for a case file.
    func export(_ filter: ReviewFilter) async throws -> [ExportRow]

    /// Counts over the whole queue; `leasedItems` counts leases still held at `now`.
    func stats(now: Date) async throws -> QueueStats

    /// Clusters matching `filter`, largest first, ties by id.
    func clusters(_ filter: ClusterFilter) async throws -> [ClusterSummary]

    /// One cluster by id (a lone item is a cluster of size 1), or nil.
    func cluster(id: Int64) async throws -> ClusterSummary?

    /// The ledger row for an input file, or nil when the file was never recorded.
    func ledgerEntry(path: String) async throws -> LedgerEntry?

    /// Creates or replaces the ledger row for `entry.path`.
    func recordProgress(_ entry: LedgerEntry) async throws
}
