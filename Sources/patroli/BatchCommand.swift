import ArgumentParser
import Foundation
import PatroliCore
import PatroliQueue

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Scan archives into the review queue: all cores, resumable, idempotent, with a report.",
        discussion: """
            Inputs are files, directories (read recursively: .jsonl, .json, .csv, .txt and their .gz, and
            Telegram Desktop exports named result.json), glob patterns, and --files-from lists. Each file is
            recorded in the queue's run ledger: re-running skips finished files and resumes a partial one, and
            nothing is ever queued twice. Kill it at any moment and run it again.
            Scale out with --shard i/n on n machines writing into one PostgreSQL queue.
            Exit codes: 0 done, 1 done but files were skipped or records were bad, 2 failure.
            """)

    @Argument(help: "Files, directories or glob patterns.")
    var inputs: [String] = []

    @Option(name: .long, help: ArgumentHelp("Read more input paths from this file, one per line ('-' for stdin).", valueName: "file"))
    var filesFrom: String?

    @Option(name: .long, help: ArgumentHelp("The review queue: a SQLite file or postgres://user:pass@host:port/db.", valueName: "queue"))
    var queue: String = "patroli.db"

    @Option(name: .long, help: "Force one input format for every file (jsonl, text, csv, telegram); default: detect per file.")
    var input: InputFormat?

    @Option(name: .long, help: "Worker threads (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: ArgumentHelp("Take only shard i of n of the inputs (deterministic by path), e.g. 2/4.", valueName: "i/n"))
    var shard: String?

    @Option(name: .long, help: ArgumentHelp("Folder for the JSON summary and HTML report.", valueName: "dir"))
    var report: String = "reports"

    @Option(name: .long, help: ArgumentHelp("Records between two commits to the queue.", valueName: "n"))
    var commitEvery: Int = 2000

    @Flag(name: .long, help: "Plain log lines even on a terminal (no progress line).")
    var plain = false

    @OptionGroup var pack: PackOptions

    func validate() throws {
        guard jobs >= 1 && jobs <= 1024 else { throw ValidationError("--jobs must be between 1 and 1024 (got \(jobs))") }
        guard commitEvery >= 1 else { throw ValidationError("--commit-every must be at least 1 (got \(commitEvery))") }
        if let shard, Shard(parsing: shard) == nil {
            throw ValidationError("--shard must be i/n with 1 <= i <= n, e.g. 1/4 (got \(shard))")
        }
        if inputs.isEmpty && filesFrom == nil { throw ValidationError("give input files or directories, or --files-from FILE") }
    }

    func run() throws {
        let compiled = try pack.loadPack()
        let started = Date()
        var listed: [String] = []
        if let filesFrom {
            let data = filesFrom == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: filesFrom)
            guard let data else {
                Console.error("\(filesFrom): cannot read the file list; check the path")
                throw ExitCode(2)
            }
            listed = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        }
        let selectedShard = shard.flatMap(Shard.init(parsing:)) ?? Shard(index: 0, count: 1)
        let found = BatchInputFinder.find(arguments: inputs, listed: listed, format: input, shard: selectedShard)
        for skip in found.skipped { Console.error("\(skip.path): skipped: \(skip.reason)") }

        let store: any ReviewStore
        do {
            store = try makeReviewStore(queue)
        } catch {
            Console.error("\(redacted(queue)): cannot open the review queue: \(error)")
            throw ExitCode(2)
        }
        let runner = BatchRunner(pack: compiled, store: store, options: BatchOptions(jobs: jobs, commitEvery: commitEvery))
        let live = !plain && isatty(STDERR_FILENO) == 1
        var lastDraw = Date.distantPast
        let outcomes: [FileOutcome]
        do {
            outcomes = try runner.run(found.inputs, progress: { progress in
                guard live else { return }
                let now = Date()
                guard now.timeIntervalSince(lastDraw) > 0.2 || progress.bytesDone == progress.bytesTotal else { return }
                lastDraw = now
                let percent = progress.bytesTotal > 0 ? 100 * Double(progress.bytesDone) / Double(progress.bytesTotal) : 100
                let line = String(format: "\r[%d/%d files %3.0f%%] %d posts, %d flagged, %.0f s  ", progress.fileIndex,
                                  progress.fileCount, percent, progress.posts, progress.flagged, progress.elapsed)
                FileHandle.standardError.write(Data(line.utf8))
            }, problem: { problem in
                Console.error(problem.description)
            })
        } catch {
            Console.error("batch stopped: \(error) (re-run the same command to resume)")
            throw ExitCode(2)
        }
        if live { FileHandle.standardError.write(Data("\n".utf8)) }
        for outcome in outcomes {
            let resumed = outcome.resumedAfter > 0 ? ", resumed after record \(outcome.resumedAfter)" : ""
            switch outcome.state {
            case .processed:
                Console.info("\(outcome.path): \(outcome.posts) posts, \(outcome.flagged) flagged, \(outcome.leads) leads, \(outcome.problems) bad records, \(outcome.inserted) new queue items\(resumed)")
            case .alreadyDone:
                Console.info("\(outcome.path): already done by an earlier run")
            case .skipped:
                Console.error("\(outcome.path): skipped: \(outcome.reason ?? "unreadable")")
            }
        }
        let seconds = Date().timeIntervalSince(started)
        let summary = try BatchReport.make(startedAt: started, seconds: seconds,
                                           pack: RulePackVersion(name: compiled.name, version: compiled.version),
                                           queue: redacted(queue), shard: selectedShard, files: outcomes,
                                           skipped: found.skipped + outcomes.filter { $0.state == .skipped }
                                               .map { SkippedInput(path: $0.path, reason: $0.reason ?? "unreadable") },
                                           store: store)
        let stamp = Self.stamp(started)
        try FileManager.default.createDirectory(atPath: report, withIntermediateDirectories: true)
        let jsonPath = (report as NSString).appendingPathComponent("batch-\(stamp).json")
        let htmlPath = (report as NSString).appendingPathComponent("batch-\(stamp).html")
        try Data(summary.json().utf8).write(to: URL(fileURLWithPath: jsonPath))
        try Data(summary.html().utf8).write(to: URL(fileURLWithPath: htmlPath))
        print(String(format: "%d posts, %d flagged, %d leads in %.1f s (%.1f MB/s, %.0f posts/s)", summary.posts, summary.flagged,
                     summary.leads, seconds, seconds > 0 ? Double(summary.bytes) / 1e6 / seconds : 0,
                     seconds > 0 ? Double(summary.posts) / seconds : 0))
        print("report: \(htmlPath)")
        print("summary: \(jsonPath)")
        if !summary.skipped.isEmpty || summary.problems > 0 { throw ExitCode(1) }
    }

    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

/// A queue URL with its password hidden, for messages and reports.
func redacted(_ queue: String) -> String {
    guard let components = URLComponents(string: queue), components.password != nil else { return queue }
    var copy = components
    copy.password = "***"
    return copy.string ?? queue
}
