import ArgumentParser
import Foundation
import PatroliCore

extension InputFormat: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan posts and print one result per post (default: flagged posts only).",
        discussion: """
            Reads JSONL (default), plain text (one post per line) or CSV with a header, from the files
            given or from standard input; .gz files are read transparently. Results come out in input
            order, each as soon as it is scanned. A malformed post gets one diagnostic on stderr naming
            its source and line, and scanning goes on (--strict stops instead).
            Posts that fire a lead category of the pack (manifest `leads`, e.g. `victim_lead` for victim and
            family pleas) are printed too, with `leads`, even below the review threshold.
            Exit codes: 0 nothing flagged, 1 something flagged or a lead found, 2 errors occurred.
            """)

    @Argument(help: "Input files ('-' or none: standard input).")
    var files: [String] = []

    @Option(name: .long, help: "Input format: jsonl, text, csv or telegram (a Telegram Desktop result.json export).")
    var input: InputFormat = .jsonl

    @Option(name: .long, help: ArgumentHelp("Field holding the post text (default: the first of text, content, message, body, rawContent).", valueName: "name"))
    var textField: String?

    @Option(name: .long, help: ArgumentHelp("Field holding the post id (default: id, else the line number).", valueName: "name"))
    var idField: String?

    @Option(name: .long, help: "Output format: jsonl, tsv or text.")
    var output: OutputFormat = .jsonl

    @Flag(name: .long, help: "Print every post, not only flagged ones.")
    var all = false

    @Option(name: .long, help: "Worker threads (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Stop at the first bad input instead of reporting it and going on.")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("Longest input line accepted, in bytes.", valueName: "bytes"))
    var maxRecordBytes: Int = 16 << 20

    @OptionGroup var pack: PackOptions

    func validate() throws {
        guard jobs >= 1 && jobs <= 1024 else { throw ValidationError("--jobs must be between 1 and 1024 (got \(jobs))") }
        guard maxRecordBytes >= 1024 else { throw ValidationError("--max-record-bytes must be at least 1024 (got \(maxRecordBytes))") }
    }

    func run() throws {
        let compiled = try pack.loadPack()
        var options = InputOptions()
        options.format = input
        if let textField { options.textFields = [textField] }
        options.idField = idField
        options.maxRecordBytes = maxRecordBytes

        let sources = files.isEmpty ? ["-"] : files
        let formatter = ResultFormatter(format: output)
        let out = OutputBuffer()
        if let header = formatter.header { out.write(header) }
        // Behind a pipe or terminal, every result is flushed at once; for files, in blocks.
        let interactive = files.isEmpty || files == ["-"] || isatty(STDOUT_FILENO) == 1
        var flagged = 0
        var errors = 0
        var readers: [RecordReader] = []
        var sourceIndex = 0
        let printAll = all

        func nextEvent() -> InputEvent? {
            while true {
                if readers.isEmpty {
                    guard sourceIndex < sources.count else { return nil }
                    let path = sources[sourceIndex]
                    sourceIndex += 1
                    do {
                        readers.append(try RecordReader(path: path, options: options))
                    } catch {
                        return .problem(error)
                    }
                }
                if let event = readers[0].next() { return event }
                readers.removeAll()
            }
        }

        let pipeline = ScanPipeline(pack: compiled, jobs: jobs, detailsForUnflagged: printAll, wantsEntities: { printAll || $0.flagged || !$0.leads.isEmpty })
        // Each result's output line is formatted on the worker that scanned it; this thread only
        // writes the lines out in order.
        // More input is ready when the current source has an event buffered; at the end of a
        // source the next one (stdin, perhaps) may have to be waited for. `hasEventReady` goes
        // first: it decodes what is buffered, which is how the end of a file is noticed.
        let ready = { readers.first.map { $0.hasEventReady && !$0.isExhausted } ?? false }
        pipeline.run(next: nextEvent, ready: ready, transform: { event -> (ScanEvent, [UInt8]?) in
            guard case .scanned(let record, let result, let entities) = event,
                  printAll || result.flagged || !result.leads.isEmpty else { return (event, nil) }
            return (event, formatter.line(record: record, result: result, entities: entities))
        }, sink: { scanned in
            let (event, line) = scanned
            switch event {
            case .problem(let problem):
                errors += 1
                out.flush()
                Console.error(problem.description)
                if strict { return false }
            case .scanned(let record, let result, _):
                if result.flagged || !result.leads.isEmpty { flagged += 1 }
                for failure in result.failures {
                    errors += 1
                    Console.error("\(record.source):\(record.line): \(failure)")
                }
                if let line {
                    out.write(line)
                    if interactive { out.flush() }
                }
            }
            return true
        }, idle: { out.flush() })
        out.flush()
        if errors > 0 { throw ExitCode(2) }
        if flagged > 0 { throw ExitCode(1) }
    }
}
