import ArgumentParser
import Foundation
import PatroliCore

/// `patroli rules eval`: measures a pack on a labelled corpus.
struct RulesEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a rule pack on a labelled corpus: precision, recall, per-rule and per-kind tables.",
        discussion: """
            The positive class is `recruitment`; `not_recruitment` and `victim_lead` posts are
            negatives (victim leads are also counted on their own). A post is predicted positive
            when its score reaches the pack's review threshold, or --threshold.
            Formats: text (for people), json (for tools), html (one self-contained page with a
            precision-recall curve and per-category bars).
            Exit codes: 0 evaluated, 2 the pack or the corpus could not be read.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, html }
    enum Split: String, ExpressibleByArgument, CaseIterable { case dev, test }

    @Option(name: .long, help: ArgumentHelp("Labelled corpus: a .jsonl file or a folder of them.", valueName: "path"))
    var corpus: String

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
    }

    func run() throws {
        let compiled = try pack.loadPack()
        let posts = try loadLabelledCorpus(corpus, split: split?.rawValue)
        if posts.isEmpty { Console.error("\(corpus): no labelled post\(split.map { " in split `\($0.rawValue)`" } ?? "") to evaluate") }
        var report = Evaluator.evaluate(pack: compiled, posts: posts, threshold: threshold)
        report.corpus = corpus
        report.split = split?.rawValue
        let text: String
        switch format {
        case .text: text = EvaluationTextRenderer().render(report)
        case .json: text = EvaluationJSON.render(report)
        case .html: text = EvaluationHTMLRenderer().render(report)
        }
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
}
