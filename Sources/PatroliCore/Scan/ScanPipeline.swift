import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
///
/// Threads: one reads, `jobs` workers scan (and run the caller's `transform`, so per-result
/// work such as formatting or hashing is spread over the cores too), and the calling thread
/// hands results to `sink` in order. The reader hands events over in runs when the input has
/// more ready (`ready` says so), one at a time when the next read could wait, so a trickling
/// pipe is never held back; workers, reader and sink each wait on their own condition and are
/// woken only when there is something for them.
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
    ///
    /// `ready`, when given, tells whether `next` would return at once (the input has more
    /// buffered); without it every event is handed over as soon as it is read.
    public func run(next: @escaping () -> InputEvent?, ready: (() -> Bool)? = nil,
                    sink: (ScanEvent) -> Bool, idle: () -> Void) {
        run(next: next, ready: ready, transform: { $0 }, sink: sink, idle: idle)
    }

    /// Like `run(next:ready:sink:idle:)`, with `transform` applied to every event on the worker
    /// that scanned it; `sink` receives the transformed values in input order.
    public func run<Output: Sendable>(next: @escaping () -> InputEvent?, ready: (() -> Bool)? = nil,
                            transform: @escaping @Sendable (ScanEvent) -> Output,
                            sink: (Output) -> Bool, idle: () -> Void) {
        if jobs == 1 {
            let scanner = makeScanner()
            let extractor = EntityExtractor()
            while let event = next() {
                guard sink(transform(process(event, scanner, extractor))) else { break }
                idle()
            }
            idle()
            return
        }
        runParallel(next: next, ready: ready, transform: transform, sink: sink, idle: idle)
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

    /// Events handed over in one go at most; workers take at most `chunk` at a time.
    static let runLength = 64
    static let chunk = 16

    private func runParallel<Output: Sendable>(next: @escaping () -> InputEvent?, ready: (() -> Bool)?,
                                     transform: @escaping @Sendable (ScanEvent) -> Output,
                                     sink: (Output) -> Bool, idle: () -> Void) {
        let state = PipelineState<Output>(window: window, jobs: jobs)
        let runLength = min(Self.runLength, window / 4)
        for _ in 0..<jobs {
            let thread = Thread { [self] in
                let scanner = makeScanner()
                let extractor = EntityExtractor()
                var outputs: [Output] = []
                while let taken = state.takeWork(max: Self.chunk) {
                    outputs.removeAll(keepingCapacity: true)
                    for event in taken.events {
                        outputs.append(transform(process(event, scanner, extractor)))
                    }
                    state.deliver(outputs, from: taken.first)
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        // The calling thread delivers results in order; a helper thread reads the input.
        let source = UncheckedBox((next: next, ready: ready))
        let reader = Thread {
            var run: [InputEvent] = []
            run.reserveCapacity(runLength)
            var open = true
            while open, !state.isCancelled, let event = source.value.next() {
                run.append(event)
                if run.count >= runLength || !(source.value.ready?() ?? false) {
                    open = state.submit(run)
                    run.removeAll(keepingCapacity: true)
                }
            }
            if open && !run.isEmpty { _ = state.submit(run) }
            state.finishInput()
        }
        reader.stackSize = 8 << 20
        reader.start()
        var delivered: [Output] = []
        outer: while state.nextResults(into: &delivered, onCaughtUp: idle) {
            for output in delivered where !sink(output) {
                state.cancel()
                break outer
            }
            delivered.removeAll(keepingCapacity: true)
        }
        state.waitForWorkers()
        idle()
    }
}

/// Hands closures to the one reader thread that calls them; nothing else calls them meanwhile.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Shared state of a parallel scan: two rings of `window` slots (events waiting for a worker,
/// results waiting for the sink), indexed by sequence number, behind one mutex with a condition
/// for each kind of waiter. Sequence numbers satisfy `emitted <= taken <= submitted` and
/// `submitted - emitted <= window`, so a slot is never used by two sequence numbers at once.
private final class PipelineState<Output: Sendable>: @unchecked Sendable {
    private let window: Int
    private let jobs: Int
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Workers wait here for events; the reader for room in the window; the sink for results.
    private let workReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let roomReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let resultReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var events: [InputEvent?]
    private var results: [Output?]
    private var submitted = 0
    private var taken = 0
    private var emitted = 0
    private var inputDone = false
    private var cancelled = false
    private var workersDone = 0
    private var idleWorkers = 0
    /// Free slots the waiting reader needs (0: the reader is not waiting).
    private var readerNeeds = 0
    private var sinkWaiting = false

    init(window: Int, jobs: Int) {
        self.window = window
        self.jobs = jobs
        events = Array(repeating: nil, count: window)
        results = Array(repeating: nil, count: window)
        pthread_mutex_init(mutex, nil)
        for condition in [workReady, roomReady, resultReady] { pthread_cond_init(condition, nil) }
    }

    deinit {
        for condition in [workReady, roomReady, resultReady] {
            pthread_cond_destroy(condition)
            condition.deallocate()
        }
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    private func lock() { pthread_mutex_lock(mutex) }
    private func unlock() { pthread_mutex_unlock(mutex) }

    /// Adds a run of events (at most `window`); waits while they do not fit in the window.
    /// False once cancelled.
    func submit(_ run: [InputEvent]) -> Bool {
        lock()
        defer { unlock() }
        while !cancelled && submitted + run.count - emitted > window {
            readerNeeds = run.count
            pthread_cond_wait(roomReady, mutex)
        }
        readerNeeds = 0
        guard !cancelled else { return false }
        for event in run {
            events[submitted % window] = event
            submitted += 1
        }
        // Wake as many idle workers as there are events for, no more.
        for _ in 0..<min(idleWorkers, run.count) { pthread_cond_signal(workReady) }
        return true
    }

    /// Whether the run was stopped (the reader then stops reading).
    var isCancelled: Bool {
        lock()
        defer { unlock() }
        return cancelled
    }

    func finishInput() {
        lock()
        inputDone = true
        pthread_cond_broadcast(workReady)
        pthread_cond_signal(resultReady)
        unlock()
    }

    /// Up to `count` consecutive events and the sequence number of the first; shares what is
    /// waiting among the workers so that none sits idle while another holds a long run. Nil once
    /// the run is cancelled (what is left is not scanned), or when the input is done and nothing
    /// is left.
    func takeWork(max count: Int) -> (first: Int, events: [InputEvent])? {
        lock()
        defer { unlock() }
        while cancelled || taken == submitted {
            if cancelled || inputDone {
                workersDone += 1
                pthread_cond_signal(resultReady)
                return nil
            }
            idleWorkers += 1
            pthread_cond_wait(workReady, mutex)
            idleWorkers -= 1
        }
        let waiting = submitted - taken
        let share = min(count, max(1, waiting / jobs))
        let first = taken
        var batch: [InputEvent] = []
        batch.reserveCapacity(share)
        for sequence in first..<(first + share) {
            batch.append(events[sequence % window].take()!)
        }
        taken += share
        return (first, batch)
    }

    /// Stores the outputs of events `first…`; wakes the sink when they include the one it needs.
    func deliver(_ outputs: [Output], from first: Int) {
        lock()
        for (offset, output) in outputs.enumerated() {
            results[(first + offset) % window] = output
        }
        if sinkWaiting && first <= emitted && emitted < first + outputs.count {
            pthread_cond_signal(resultReady)
        }
        unlock()
    }

    /// Moves every result that is next in input order into `into`; waits (after calling
    /// `onCaughtUp`, unlocked) when none is. False when all input is done or the run was
    /// cancelled.
    func nextResults(into delivered: inout [Output], onCaughtUp: () -> Void) -> Bool {
        lock()
        var calledIdle = false
        while true {
            while emitted < submitted, let output = results[emitted % window].take() {
                delivered.append(output)
                emitted += 1
            }
            if !delivered.isEmpty {
                if readerNeeds > 0 && window - (submitted - emitted) >= readerNeeds { pthread_cond_signal(roomReady) }
                unlock()
                return true
            }
            if cancelled || (inputDone && emitted == submitted) {
                unlock()
                return false
            }
            if !calledIdle {
                calledIdle = true
                unlock()
                onCaughtUp()
                lock()
                continue
            }
            sinkWaiting = true
            pthread_cond_wait(resultReady, mutex)
            sinkWaiting = false
        }
    }

    func cancel() {
        lock()
        cancelled = true
        pthread_cond_broadcast(workReady)
        pthread_cond_broadcast(roomReady)
        unlock()
    }

    /// Waits until every worker has stopped; stops the run first if input is still coming.
    func waitForWorkers() {
        lock()
        if !inputDone {
            cancelled = true
            pthread_cond_broadcast(workReady)
            pthread_cond_broadcast(roomReady)
        }
        while workersDone < jobs {
            sinkWaiting = true
            pthread_cond_wait(resultReady, mutex)
        }
        sinkWaiting = false
        unlock()
    }
}
