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
/// so the database work overlaps the scan; the items' keys, hashes and JSON are computed on all
/// cores before the insert transaction. With one job every block is committed on the caller's
/// thread, as it is submitted. After the first failure nothing more is committed.
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

    private func insert(prepared: [PreparedItem]) throws -> InsertSummary {
        guard !prepared.isEmpty else { return InsertSummary() }
        guard let preparing = store as? any PreparedInserting else {
            return try blocking { [store] in try await store.insert(prepared.map(\.item)) }
        }
        return try blocking { try await preparing.insert(prepared: prepared) }
    }

    private func insert(_ items: [NewQueueItem]) throws -> InsertSummary {
        guard !items.isEmpty else { return InsertSummary() }
        guard let preparing = store as? any PreparedInserting else {
            return try blocking { [store] in try await store.insert(items) }
        }
        let prepared = try Self.prepare(items, clustering: preparing.clustering, jobs: jobs)
        return try blocking { try await preparing.insert(prepared: prepared) }
    }

    /// `PreparedItem`s of `items` in order, computed on `jobs` threads.
    static func prepare(_ items: [NewQueueItem], clustering: Clustering, jobs: Int) throws -> [PreparedItem] {
        guard jobs > 1, items.count > 1 else { return try items.map { try PreparedItem($0, clustering: clustering) } }
        let slots = PreparedSlots(count: items.count)
        let chunks = min(items.count, jobs * 4)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for index in stride(from: chunk, to: items.count, by: chunks) {
                slots.set(index, Result { try PreparedItem(items[index], clustering: clustering) })
            }
        }
        return try slots.values()
    }
}

/// Results written by `concurrentPerform` iterations, each to its own indices.
private final class PreparedSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<PreparedItem, Error>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: Result<PreparedItem, Error>) { slots[index] = value }

    func values() throws -> [PreparedItem] {
        try slots.map { try $0!.get() }
    }
}
