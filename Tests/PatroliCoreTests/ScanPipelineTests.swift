import Foundation
@testable import PatroliCore
import Testing

/// The parallel scan pipeline: results in input order whatever the number of workers and the
/// window, the caller's transform run on the workers, early stop, and a trickling input handed
/// over at once.
@Suite struct ScanPipelineTests {
    static let texts = [
        "loker kamboja gaji 15jt", "kerja kamboja gaji besar", "gaji 20 juta, hubungi kami",
        "waspada loker kamboja gaji 15jt", "tolong anak saya di kamboja", "lowongan kasir, gaji umr", "halo semua",
    ]

    static func events(_ count: Int) -> [InputEvent] {
        (0..<count).map { index in
            if index % 97 == 50 {
                return .problem(InputProblem(source: "posts.jsonl", line: index + 1, message: "bad line \(index)"))
            }
            let text = texts[index % texts.count] + " #\(index)"
            return .record(InputRecord(source: "posts.jsonl", line: index + 1, id: "p\(index)", text: Array(text.utf8)))
        }
    }

    /// What a run delivers, as comparable lines: id and score, or the problem.
    static func run(_ pipeline: ScanPipeline, _ input: [InputEvent], ready: (() -> Bool)?) -> [String] {
        var index = 0
        var lines: [String] = []
        pipeline.run(next: {
            defer { index += 1 }
            return index < input.count ? input[index] : nil
        }, ready: ready, transform: { event -> String in
            switch event {
            case .problem(let problem): return "problem \(problem.message)"
            case .scanned(let record, let result, _): return "\(record.id) \(result.score) \(result.flagged)"
            }
        }, sink: { line in
            lines.append(line)
            return true
        }, idle: {})
        return lines
    }

    @Test(arguments: [(2, 16), (3, 16), (4, 4096), (8, 64)])
    func parallelRunsDeliverExactlyTheSequentialResultsInOrder(jobs: Int, window: Int) throws {
        let pack = try AnalysisFixture.compiledPack()
        let input = Self.events(1_000)
        let sequential = Self.run(ScanPipeline(pack: pack, jobs: 1), input, ready: nil)
        #expect(sequential.count == 1_000)
        #expect(sequential.filter { $0.hasPrefix("problem") }.count == 10)
        let parallel = ScanPipeline(pack: pack, jobs: jobs, window: window)
        #expect(Self.run(parallel, input, ready: nil) == sequential, "one event at a time")
        #expect(Self.run(parallel, input, ready: { true }) == sequential, "events handed over in runs")
    }

    @Test func aSinkThatStopsEndsTheRunWithoutWaitingForTheRest() throws {
        let pack = try AnalysisFixture.compiledPack()
        let input = Self.events(5_000)
        // The reader thread may still be finishing its last call when `run` returns.
        let read = LockedCounter()
        var delivered = 0
        ScanPipeline(pack: pack, jobs: 3, window: 64).run(next: {
            let index = read.increment() - 1
            return index < input.count ? input[index] : nil
        }, ready: { true }, sink: { _ in
            delivered += 1
            return delivered < 10
        }, idle: {})
        #expect(delivered == 10)
        #expect(read.value < input.count, "the reader stopped once the sink had stopped")
    }

    /// Each post is released only after the result of the one before it has come out, as when a
    /// scraper writes one post and waits: a pipeline that held posts back to fill a run would
    /// stall here until the timeout.
    @Test(arguments: [2, 3])
    func aTricklingInputGetsEachResultBeforeTheNextPostArrives(jobs: Int) throws {
        let pack = try AnalysisFixture.compiledPack()
        let input = Self.events(40)
        let released = DispatchSemaphore(value: 0)
        var read = 0
        var stalled = false
        var delivered: [String] = []
        ScanPipeline(pack: pack, jobs: jobs).run(next: {
            if read > 0 && released.wait(timeout: .now() + 20) == .timedOut {
                stalled = true
                return nil
            }
            defer { read += 1 }
            return read < input.count ? input[read] : nil
        }, ready: { false }, sink: { event in
            if case .scanned(let record, _, _) = event { delivered.append(record.id) } else { delivered.append("problem") }
            released.signal()
            return true
        }, idle: {})
        #expect(!stalled)
        #expect(delivered.count == 40)
        #expect(delivered.first == "p0" && delivered.last == "p39")
    }
}

/// A counter shared between the test and the pipeline's reader thread.
private final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
