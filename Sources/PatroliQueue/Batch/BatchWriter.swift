import Foundation

/// One block of a batch: the queue items found in a run of records (as they are, or already
/// prepared for a `PreparedInserting` store), and the ledger progress to record once they are
/// committed.
struct BatchBlock: Sendable {
    var items: [NewQueueItem] = []
    var prepared: [PreparedItem] = []
    var ledger: LedgerEntry
}

/// Commits a file's blocks to the review queue strictly in order: the block's items first, then
/// its ledger progress, so a run killed at any instant never records progress past items that
/// are not in the queue.
///
/// With `jobs > 1` the writer has its own thread fed through a bounded queue of `depth` blocks,
/// so the database work overlaps the scan (the items' keys, hashes and JSON were computed by the
/// scan workers). With one job every block is committed on the caller's thread, as it is
/// submitted. After the first failure nothing more is committed.
final class BatchWriter: @unchecked Sendable {
    private let store: any ReviewStore
    private let jobs: Int
    private let depth: Int
    private let now: @Sendable () -> Date
    private let condition = NSCondition()
    private var queued: [BatchBlock] = []
    private var closed = false
    private var running = false
    private var failure: Error?
    private var inserted = 0
    private var duplicates = 0

    init(store: any ReviewStore, jobs: Int, depth: Int = 2, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.jobs = max(1, jobs)
        self.depth = max(1, depth)
        self.now = now
        if self.jobs > 1 {
            running = true
            let thread = Thread { [self] in drain() }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Hands over a block; waits while `depth` blocks are waiting. Throws the first failure.
    func submit(_ block: BatchBlock) throws {
        guard jobs > 1 else {
            try commit(block)
            return
        }
        condition.lock()
        defer { condition.unlock() }
        while failure == nil && queued.count >= depth { condition.wait() }
        if let failure { throw failure }
        queued.append(block)
        condition.broadcast()
    }

    /// Commits what is queued, stops the writer and returns the counts of inserted and duplicate
    /// items over every block; throws the first failure.
    func finish() throws -> (inserted: Int, duplicates: Int) {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        while running { condition.wait() }
        if let failure { throw failure }
        return (inserted, duplicates)
    }

    private func drain() {
        condition.lock()
        while true {
            while queued.isEmpty && !closed && failure == nil { condition.wait() }
            guard failure == nil, !queued.isEmpty else { break }
            let block = queued[0]
            condition.unlock()
            var error: Error?
            do { try commit(block) } catch let caught { error = caught }
            condition.lock()
            queued.removeFirst()
            if let error { failure = error }
            condition.broadcast()
        }
        queued.removeAll()
        running = false
        condition.broadcast()
        condition.unlock()
    }

    private func commit(_ block: BatchBlock) throws {
        for summary in [try insert(block.items), try insert(prepared: block.prepared)] {
            condition.lock()
            inserted += summary.inserted
            duplicates += summary.duplicates
            condition.unlock()
        }
        var ledger = block.ledger
        ledger.updatedAt = now()
        try blocking { [store, ledger] in try await store.recordProgress(ledger) }
    }

    /// Items the scan workers prepared (the store is `PreparedInserting`).
    private func insert(prepared: [PreparedItem]) throws -> InsertSummary {
        guard !prepared.isEmpty else { return InsertSummary() }
        guard let preparing = store as? any PreparedInserting else {
            return try blocking { [store] in try await store.insert(prepared.map(\.item)) }
        }
        return try blocking { try await preparing.insert(prepared: prepared) }
    }

    /// Items for a store that prepares its own (any other `ReviewStore`).
    private func insert(_ items: [NewQueueItem]) throws -> InsertSummary {
        guard !items.isEmpty else { return InsertSummary() }
        return try blocking { [store] in try await store.insert(items) }
    }
}
