import ArgumentParser
import PatroliCore

/// `patroli rules test`: runs every rule example and every pack example.
struct RulesTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the pack's examples: each rule's match/no_match texts and the manifest's whole posts.",
        discussion: """
            A `match` example passes when its rule fires on that text alone, a `no_match` example
            when it does not; a pack example passes when the post gets exactly the risk written.
            Each failure names the rule, the example and its file:line, and what fired instead.
            Exit codes: 0 all passed, 1 an example failed, 2 the pack has errors.
            """)

    @OptionGroup var pack: PackOptions

    func run() throws {
        let directory = try pack.resolvedDirectory()
        let loaded = PackLoader.load(directory: directory)
        guard let source = loaded.pack else {
            Console.error(PackError(loaded.diagnostics).description)
            throw ExitCode(2)
        }
        let compiled: CompiledPack
        do {
            compiled = try CompiledPack.compile(source)
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        let report = ExampleRunner.run(pack: compiled, source: source)
        let out = OutputBuffer()
        for failure in report.failures {
            let what: String
            switch failure.kind {
            case .match: what = "FAIL \(failure.ruleID ?? "?"): match example did not fire"
            case .noMatch: what = "FAIL \(failure.ruleID ?? "?"): no_match example fired"
            case .packRisk: what = "FAIL pack example: expected risk \(failure.expectedRisk?.rawValue ?? "?"), got \(failure.risk.rawValue)"
            }
            out.write(what + "\n")
            if let location = failure.location { out.write("  --> \(location)\n") }
            out.write("  example: \(failure.text.split(whereSeparator: \.isNewline).joined(separator: " "))\n")
            out.write("  \(failure.outcome)\n\n")
        }
        var summary = report.summary
        if report.skipped > 0 { summary += ", \(report.skipped) skipped (disabled rules)" }
        out.write(summary + "\n")
        out.flush()
        if report.failed > 0 { throw ExitCode(1) }
    }
}
