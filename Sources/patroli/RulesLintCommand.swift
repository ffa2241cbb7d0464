import ArgumentParser
import PatroliCore

/// `patroli rules lint`: every problem of a pack, with file:line:col, code, severity and hint.
struct RulesLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Report every problem in a rule pack, with its place, code, severity and hint.",
        discussion: """
            Reports what loading and compiling the pack find (P1xx, P2xx), failing rule and pack
            examples (P301) and, with --corpus, rules that never fire on it (P302), rules that fire
            on more than 30% of its posts (P303) and lexicon entries that no rule and no post use
            (P304). The codes are listed in docs/RULE_FORMAT.md.
            Exit codes: 0 no errors (warnings allowed), 2 errors found.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .long, help: ArgumentHelp("Labelled corpus (.jsonl file or folder of them) for P302–P304.", valueName: "path"))
    var corpus: String?

    @Option(name: .long, help: "Output format: text or json (an array of diagnostics).")
    var format: Format = .text

    @OptionGroup var pack: PackOptions

    func run() throws {
        let directory = try pack.resolvedDirectory()
        let posts = try corpus.map { try loadLabelledCorpus($0) }
        let report = PackLinter.lint(directory: directory, corpus: posts)
        let out = OutputBuffer()
        switch format {
        case .json:
            out.write(Diagnostic.jsonArray(report.diagnostics))
        case .text:
            for diagnostic in report.diagnostics { out.write(diagnostic.description + "\n\n") }
            var summary = "\(directory): \(report.summary)"
            if corpus != nil { summary += " (corpus: \(report.corpusPosts) posts)" }
            out.write(summary + "\n")
        }
        out.flush()
        if report.hasErrors { throw ExitCode(2) }
    }
}
