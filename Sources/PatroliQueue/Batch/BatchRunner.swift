import Foundation
import PatroliCore

/// Settings of one batch run, resolved once from the command line.
public struct BatchOptions: Sendable {
    public var jobs: Int
    public var input: InputOptions
    /// Records between two commits of queue items and ledger progress.
    public var commitEvery: Int
    public var now: @Sendable () -> Date

    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, input: InputOptions = InputOptions(),
                commitEvery: Int = 2000, now: @escaping @Sendable () -> Date = { Date() }) {
        self.jobs = max(1, jobs)
        self.input = input
        self.commitEvery = max(1, commitEvery)
        self.now = now
    }
}

/// What happened to one input file.
public struct FileOutcome: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        /// Read to its end in this run (possibly resumed from an earlier, interrupted run).
        case processed
        /// Finished by an earlier run with the same content: nothing to do.
        case alreadyDone = "already-done"
        /// Could not be read; see `reason`.
        case skipped
    }

    public var path: String
    public var state: State
    public var reason: String?
    /// Records (and bad lines) skipped because an earlier run already processed them.
    public var resumedAfter: Int64
    public var posts: Int
    public var flagged: Int
    public var leads: Int
    public var problems: Int
    public var inserted: Int
    public var duplicates: Int
    public var bytes: Int64
    public var seconds: Double
}

/// Progress of a batch, reported after every commit and file.
public struct BatchProgress: Sendable {
    public var fileIndex: Int
    public var fileCount: Int
    public var path: String
    public var posts: Int
    public var flagged: Int
    public var bytesDone: Int64
    public var bytesTotal: Int64
    public var elapsed: Double
}

/// Runs a nightly batch: scans every input with one compiled pack on all cores and puts flagged
/// posts (and leads) into a review queue, resumably and idempotently.
///
/// Each file is recorded in the queue's run ledger (path, size, mtime, content SHA-256, records
/// done). Queue items are committed in blocks and the ledger's progress is written only after
/// the block is in the queue, so a run killed at any instant leaves the queue consistent; the
/// re-run skips finished files, resumes a partial one after its last committed record, and any
/// record done twice is a no-op because inserts are idempotent by fingerprint.
public final class BatchRunner: @unchecked Sendable {
    public let pack: CompiledPack
    public let store: any ReviewStore
    public let options: BatchOptions

    public init(pack: CompiledPack, store: any ReviewStore, options: BatchOptions) {
        self.pack = pack
        self.store = store
        self.options = options
    }

    /// Processes `inputs` in order. Call from a thread outside Swift's cooperative pool (the CLI's
    /// main thread): scanning is synchronous and store calls are awaited by blocking.
    public func run(_ inputs: [BatchInput], progress: (BatchProgress) -> Void = { _ in },
                    problem: (InputProblem) -> Void = { _ in }) throws -> [FileOutcome] {
        try blocking { try await self.store.migrate() }
        let started = Date()
        let bytesTotal = inputs.reduce(Int64(0)) { $0 + Self.fileSize($1.path) }
        var bytesBefore: Int64 = 0
        var outcomes: [FileOutcome] = []
        for (index, input) in inputs.enumerated() {
            let outcome = try runFile(input, index: index, count: inputs.count, bytesBefore: bytesBefore,
                                      bytesTotal: bytesTotal, started: started, progress: progress, problem: problem)
            bytesBefore += Self.fileSize(input.path)
            outcomes.append(outcome)
            progress(BatchProgress(fileIndex: index + 1, fileCount: inputs.count, path: input.path,
                                   posts: outcomes.reduce(0) { $0 + $1.posts }, flagged: outcomes.reduce(0) { $0 + $1.flagged },
                                   bytesDone: bytesBefore, bytesTotal: bytesTotal, elapsed: Date().timeIntervalSince(started)))
        }
        return outcomes
    }

    private func runFile(_ input: BatchInput, index: Int, count: Int, bytesBefore: Int64, bytesTotal: Int64,
                         started: Date, progress: (BatchProgress) -> Void,
                         problem: (InputProblem) -> Void) throws -> FileOutcome {
        let fileStarted = Date()
        var outcome = FileOutcome(path: input.path, state: .processed, reason: nil, resumedAfter: 0, posts: 0, flagged: 0,
                                  leads: 0, problems: 0, inserted: 0, duplicates: 0, bytes: Self.fileSize(input.path), seconds: 0)
        let attributes = try? FileManager.default.attributesOfItem(atPath: input.path)
        let modified = attributes?[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 0)
        guard let digest = Self.contentSHA256(input.path) else {
            outcome.state = .skipped
            outcome.reason = "cannot be read (permissions?)"
            return outcome
        }
        let previous = try blocking { try await self.store.ledgerEntry(path: input.path) }
        var skip: Int64 = 0
        if let previous, previous.contentSHA256 == digest {
            if previous.completed {
                outcome.state = .alreadyDone
                return outcome
            }
            skip = previous.recordsProcessed
        }
        outcome.resumedAfter = skip
        var inputOptions = options.input
        inputOptions.format = input.format
        let reader: RecordReader
        do {
            reader = try RecordReader(path: input.path, options: inputOptions)
        } catch {
            outcome.state = .skipped
            outcome.reason = error.message
            return outcome
        }
        var ledger = LedgerEntry(path: input.path, size: outcome.bytes, modifiedAt: modified, contentSHA256: digest,
                                 bytesProcessed: 0, recordsProcessed: skip, completed: false, updatedAt: options.now())
        try blocking { [ledger] in try await self.store.recordProgress(ledger) }

        // Events already committed by an earlier run are read again but not scanned.
        var toSkip = skip
        let next: () -> InputEvent? = {
            while toSkip > 0 {
                guard reader.next() != nil else { return nil }
                toSkip -= 1
            }
            return reader.next()
        }
        var pending = BatchBlock(ledger: ledger)
        var consumed = skip
        var sinceCommit = 0
        var failure: Error?
        // Blocks go to the writer in order; it records a block's ledger progress only after its
        // items are committed, on its own thread when there are several jobs.
        let writer = BatchWriter(store: store, jobs: options.jobs, now: options.now)
        let commit: () -> Bool = {
            do {
                pending.ledger = ledger
                pending.ledger.recordsProcessed = consumed
                let block = pending
                pending = BatchBlock(ledger: ledger)
                sinceCommit = 0
                try writer.submit(block)
                return true
            } catch {
                failure = error
                return false
            }
        }
        let pipeline = ScanPipeline(pack: pack, jobs: options.jobs, detailsForUnflagged: false,
                                    wantsEntities: { $0.flagged || !$0.leads.isEmpty })
        // Each worker turns its flagged posts into queue items with their keys, hashes and JSON
        // already computed, so the writer only inserts.
        let packVersion = RulePackVersion(name: pack.name, version: pack.version)
        let clustering = (store as? any PreparedInserting)?.clustering
        let now = options.now
        pipeline.run(next: next, ready: { reader.hasEventReady }, transform: { event in
            BatchScanned(event, pack: packVersion, clustering: clustering, now: now)
        }, sink: { scanned in
            consumed += 1
            sinceCommit += 1
            switch scanned {
            case .problem(let issue):
                outcome.problems += 1
                problem(issue)
            case .post(let flagged, let lead, let queued):
                outcome.posts += 1
                if flagged { outcome.flagged += 1 }
                if lead { outcome.leads += 1 }
                switch queued {
                case nil: break
                case .item(let item)?: pending.items.append(item)
                case .prepared(let item)?: pending.prepared.append(item)
                case .failed(let error)?:
                    failure = error
                    return false
                }
            }
            if sinceCommit >= options.commitEvery {
                guard commit() else { return false }
                progress(BatchProgress(fileIndex: index + 1, fileCount: count, path: input.path, posts: outcome.posts,
                                       flagged: outcome.flagged, bytesDone: bytesBefore, bytesTotal: bytesTotal,
                                       elapsed: Date().timeIntervalSince(started)))
            }
            return true
        }, idle: {})
        if let failure {
            _ = try? writer.finish()
            throw failure
        }
        ledger.completed = true
        ledger.bytesProcessed = outcome.bytes
        guard commit() else {
            _ = try? writer.finish()
            throw failure ?? BatchError.commitFailed(input.path)
        }
        let counts = try writer.finish()
        outcome.inserted = counts.inserted
        outcome.duplicates = counts.duplicates
        outcome.seconds = Date().timeIntervalSince(fileStarted)
        return outcome
    }

    static func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// SHA-256 of the file's bytes as stored, streamed; nil when it cannot be read.
    static func contentSHA256(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256.Hasher()
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            hasher.update(chunk)
        }
        return hasher.finalizeHex()
    }
}

/// What a scan worker makes of one input event for the batch: the counts it adds, and the queue
/// item for a flagged post or lead, prepared for insertion when the store can take it so.
enum BatchScanned: Sendable {
    enum Queued: Sendable {
        case item(NewQueueItem)
        case prepared(PreparedItem)
        case failed(any Error)
    }

    case problem(InputProblem)
    case post(flagged: Bool, lead: Bool, queued: Queued?)

    init(_ event: ScanEvent, pack: RulePackVersion, clustering: Clustering?, now: () -> Date) {
        switch event {
        case .problem(let problem):
            self = .problem(problem)
        case .scanned(let record, let result, let entities):
            let lead = !result.leads.isEmpty
            guard result.flagged || lead else {
                self = .post(flagged: false, lead: false, queued: nil)
                return
            }
            let item = NewQueueItem(record: record, result: result, entities: entities ?? Entities(), pack: pack, seenAt: now())
            let queued: Queued
            if let clustering {
                do { queued = .prepared(try PreparedItem(item, clustering: clustering)) } catch { queued = .failed(error) }
            } else {
                queued = .item(item)
            }
            self = .post(flagged: result.flagged, lead: lead, queued: queued)
        }
    }
}

public enum BatchError: Error, CustomStringConvertible {
    case commitFailed(String)
    public var description: String {
        switch self {
        case .commitFailed(let path): return "could not commit queue items for \(path)"
        }
    }
}

/// Runs `operation` on Swift's concurrency pool and waits for it on this (non-pool) thread.
func blocking<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.result = .success(try await operation()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    guard let result = box.result else { throw BatchError.commitFailed("an unfinished store call") }
    return try result.get()
}

private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
