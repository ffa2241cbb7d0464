import Foundation

/// What the pipeline hands to its sink, in input order.
public enum ScanEvent: Sendable {
    case scanned(InputRecord, ScanResult, Entities?)
    case problem(InputProblem)
}

/// Scans a stream of input events on several threads and delivers results in input order.
///
/// One compiled pack is shared; each worker owns a `Scanner`. Memory is bounded: at most
/// `window` events are in flight, and the reader waits when the window is full. Results are
/// delivered as soon as they and everything before them are done, so the pipeline works behind
/// `tail -f`. `idle` is called whenever the sink has caught up (a good moment to flush output).
public struct ScanPipeline: Sendable {
    public var pack: CompiledPack
    public var jobs: Int
    public var window: Int
    /// Whether entities should be extracted for a result (for example only for flagged posts).
    public var wantsEntities: @Sendable (ScanResult) -> Bool
    /// Whether posts below the review threshold need hits (spans) too.
    public var detailsForUnflagged: Bool

    public init(pack: CompiledPack, jobs: Int, window: Int = 4096, detailsForUnflagged: Bool = true,
                wantsEntities: @escaping @Sendable (ScanResult) -> Bool = { $0.flagged }) {
        self.pack = pack
        self.detailsForUnflagged = detailsForUnflagged
        self.jobs = max(1, jobs)
        self.window = max(16, window)
        self.wantsEntities = wantsEntities
    }

    /// Runs until `next` returns nil. `sink` returns false to stop early (for `--strict`).
    public func run(next: @escaping () -> InputEvent?, sink: (ScanEvent) -> Bool, idle: () -> Void) {
        if jobs == 1 {
            let scanner = makeScanner()
            let extractor = EntityExtractor()
            while let event = next() {
                guard sink(process(event, scanner, extractor)) else { return }
                idle()
            }
            return
        }
        runParallel(next: next, sink: sink, idle: idle)
    }

    private func makeScanner() -> Scanner {
        let scanner = Scanner(pack: pack)
        scanner.detailsForUnflagged = detailsForUnflagged
        return scanner
    }

    private func process(_ event: InputEvent, _ scanner: Scanner, _ extractor: EntityExtractor) -> ScanEvent {
        switch event {
        case .problem(let problem):
            return .problem(problem)
        case .record(let record):
            let result = scanner.scan(utf8: record.text)
            let entities = wantsEntities(result) ? extractor.extract(from: result.normalized.originalString) : nil
            return .scanned(record, result, entities)
        }
    }

    private func runParallel(next: @escaping () -> InputEvent?, sink: (ScanEvent) -> Bool, idle: () -> Void) {
        let state = PipelineState()
        var workers: [Thread] = []
        for _ in 0..<jobs {
            let thread = Thread { [self] in
                let scanner = makeScanner()
                let extractor = EntityExtractor()
                while let batch = state.takeWork(max: 32) {
                    let done = batch.map { (sequence: $0.sequence, event: process($0.event, scanner, extractor)) }
                    state.deliver(done)
                }
            }
            thread.stackSize = 8 << 20
            workers.append(thread)
            thread.start()
        }
        // Writer: this thread delivers results in order; a helper thread reads the input.
        let source = UncheckedBox(next)
        let reader = Thread {
            var sequence = 0
            while let event = source.value() {
                guard state.submit(sequence: sequence, event: event, window: window) else { break }
                sequence += 1
            }
            state.finishInput(total: sequence)
        }
        reader.stackSize = 8 << 20
        reader.start()
        while let event = state.nextResult(onCaughtUp: idle) {
            if !sink(event) {
                state.cancel()
                break
            }
        }
        state.waitForWorkers(workers.count)
        idle()
    }
}

/// Hands a closure to the one reader thread that calls it; nothing else calls it meanwhile.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Shared state of a parallel scan, guarded by one condition variable.
private final class PipelineState: @unchecked Sendable {
    private let condition = NSCondition()
    private var work: [(sequence: Int, event: InputEvent)] = []
    private var workHead = 0
    private var results: [Int: ScanEvent] = [:]
    private var nextToEmit = 0
    private var submitted = 0
    private var total: Int?
    private var cancelled = false
    private var workersDone = 0

    /// Adds an event; waits while `window` events are in flight. False once cancelled.
    func submit(sequence: Int, event: InputEvent, window: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && submitted - nextToEmit >= window { condition.wait() }
        guard !cancelled else { return false }
        work.append((sequence, event))
        submitted += 1
        condition.broadcast()
        return true
    }

    func finishInput(total: Int) {
        condition.lock()
        self.total = total
        condition.broadcast()
        condition.unlock()
    }

    func takeWork(max count: Int) -> [(sequence: Int, event: InputEvent)]? {
        condition.lock()
        defer { condition.unlock() }
        while workHead == work.count {
            if cancelled || total != nil {
                workersDone += 1
                condition.broadcast()
                return nil
            }
            condition.wait()
        }
        let end = min(work.count, workHead + count)
        let batch = Array(work[workHead..<end])
        workHead = end
        if workHead > 4096 && workHead * 2 > work.count {
            work.removeFirst(workHead)
            workHead = 0
        }
        return batch
    }

    func deliver(_ done: [(sequence: Int, event: ScanEvent)]) {
        condition.lock()
        for item in done { results[item.sequence] = item.event }
        condition.broadcast()
        condition.unlock()
    }

    /// The next result in input order; nil when all input is done. Calls `onCaughtUp` (unlocked)
    /// before waiting.
    func nextResult(onCaughtUp: () -> Void) -> ScanEvent? {
        condition.lock()
        while true {
            if let event = results.removeValue(forKey: nextToEmit) {
                nextToEmit += 1
                condition.broadcast()
                condition.unlock()
                return event
            }
            if let total, nextToEmit >= total {
                condition.unlock()
                return nil
            }
            if cancelled {
                condition.unlock()
                return nil
            }
            condition.unlock()
            onCaughtUp()
            condition.lock()
            if results[nextToEmit] == nil && !(total.map { nextToEmit >= $0 } ?? false) { condition.wait() }
        }
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    func waitForWorkers(_ count: Int) {
        condition.lock()
        if total == nil { cancelled = true; condition.broadcast() }
        while workersDone < count { condition.wait() }
        condition.unlock()
    }
}
