import ArgumentParser
import Foundation
import PatroliCore

/// `patroli rules eval`: measures a pack on a labelled corpus.
struct RulesEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a rule pack on a labelled corpus, or on officers' verdicts in the review queue.",
        discussion: """
            --corpus: the positive class is `recruitment`; `not_recruitment` and `victim_lead` posts are \
            negatives (victim leads are also counted on their own). A post is predicted positive when \
            its score reaches the pack's review threshold, or --threshold.

            --queue: officers' decisions are the labels. Each decided item counts once, by its latest \
            verdict (a --cluster decision labels every member): `recruitment` is positive, \
            `not-relevant` negative, `victim-lead` a lead (negative for recruitment, with lead-rule \
            precision); `unsure` and undecided items are left out and counted. The stored original \
            texts are rescored with this pack: precision of what reached the queue, precision of what \
            the pack still flags, per-rule hits/confirmed/rejected/precision, and every rejected item \
            with the rules that fire on it. Recall is not reported: only flagged posts reach the queue.

            Formats: text (for people), json (for tools), html (one self-contained page; for a corpus \
            with a precision-recall curve and per-category bars).
            Exit codes: 0 evaluated, 2 the pack, the corpus or the queue could not be read.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, html }
    enum Split: String, ExpressibleByArgument, CaseIterable { case dev, test }

    @Option(name: .long, help: ArgumentHelp("Labelled corpus: a .jsonl file or a folder of them.", valueName: "path"))
    var corpus: String?

    @Option(name: .long, help: ArgumentHelp(
        "Use officers' verdicts in this review queue as the labels: a SQLite file or postgres://user:pass@host:port/db.",
        valueName: "queue"))
    var queue: String?

    @Option(name: .long, help: "Only posts of this split: dev or test (default: all).")
    var split: Split?

    @Option(name: .long, help: ArgumentHelp("Flag posts at or above this score (default: the pack's review threshold).", valueName: "score"))
    var threshold: Double?

    @Option(name: .long, help: "Output format: text, json or html.")
    var format: Format = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @OptionGroup var pack: PackOptions

    func validate() throws {
        if let threshold, !threshold.isFinite { throw ValidationError("--threshold must be a finite number (got \(threshold))") }
        switch (corpus, queue) {
        case (nil, nil): throw ValidationError("say what to evaluate on: --corpus PATH (a labelled corpus) or --queue QUEUE (officers' verdicts)")
        case (.some, .some): throw ValidationError("--corpus and --queue are separate evaluations: pass one of them")
        default: break
        }
        if queue != nil, split != nil { throw ValidationError("--split applies to a corpus; queue items have no split") }
    }

    func run() throws {
        let compiled = try pack.loadPack()
        let text = try queue.map { try queueReport($0, pack: compiled) } ?? corpusReport(corpus ?? "", pack: compiled)
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                Console.error("\(output): cannot write the report: \(error.localizedDescription)")
                throw ExitCode(2)
            }
        } else {
            let out = OutputBuffer()
            out.write(text)
            out.flush()
        }
    }

    private func corpusReport(_ corpus: String, pack compiled: CompiledPack) throws -> String {
        let posts = try loadLabelledCorpus(corpus, split: split?.rawValue)
        if posts.isEmpty { Console.error("\(corpus): no labelled post\(split.map { " in split `\($0.rawValue)`" } ?? "") to evaluate") }
        var report = Evaluator.evaluate(pack: compiled, posts: posts, threshold: threshold)
        report.corpus = corpus
        report.split = split?.rawValue
        switch format {
        case .text: return EvaluationTextRenderer().render(report)
        case .json: return EvaluationJSON.render(report)
        case .html: return EvaluationHTMLRenderer().render(report)
        }
    }

    private func queueReport(_ queue: String, pack compiled: CompiledPack) throws -> String {
        let reviewed = try readReviewedPosts(queue)
        if reviewed.posts.isEmpty {
            Console.error("\(reviewed.queue): no item decided recruitment, not-relevant or victim-lead yet "
                          + "(\(reviewed.unsure) unsure, \(reviewed.undecided) undecided); decide items with `patroli review decide`")
        }
        let report = Evaluator.evaluate(pack: compiled, reviewed: reviewed, threshold: threshold)
        switch format {
        case .text: return QueueEvaluationTextRenderer().render(report)
        case .json: return QueueEvaluationJSON.render(report)
        case .html: return QueueEvaluationHTMLRenderer().render(report)
        }
    }
}
