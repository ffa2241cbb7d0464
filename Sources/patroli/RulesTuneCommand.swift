import ArgumentParser
import Foundation
import PatroliCore

/// `patroli rules tune`: fits rule weights to a labelled corpus and shows (or writes) the changes.
struct RulesTuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Fit rule weights to labelled posts (a corpus's dev split, officers' verdicts) and show the changes as a diff.",
        discussion: """
            Like SpamAssassin's score generation: logistic regression on which rules fired, recruitment \
            against everything else, with the review threshold as the decision boundary, pulled toward \
            the current weights (--lambda), keeping each rule's sign and rounding to 0.5. Fits on the \
            corpus's `dev` split and, with --queue, on officers' verdicts in the review queue \
            (recruitment positive; not-relevant and victim-lead negative; unsure and undecided left \
            out); shows precision, recall and F1 on dev and test, and precision on the queue's \
            labels (recall is not measurable there), before -> after. Nothing is written without \
            --write, which changes only the `weight:` values in the rule files.
            Exit codes: 0 done, 2 errors occurred (a bad pack, corpus or queue, a weight that could not be written).
            """)

    @Option(name: .long, help: ArgumentHelp("Labelled corpus: a .jsonl file or a folder of them.", valueName: "file|dir"))
    var corpus: String?

    @Option(name: .long, help: ArgumentHelp(
        "Also learn from officers' verdicts in this review queue (a SQLite file or postgres://…).", valueName: "queue"))
    var queue: String?

    @OptionGroup var pack: PackOptions

    @Option(name: .long, help: ArgumentHelp(
        "Pull toward the current weights: the cost of one squared point of change, in posts (>= 0).",
        valueName: "x"))
    var lambda: Double = 1

    @Flag(name: .long, help: "Rewrite the changed `weight:` values in the rule files (nothing else changes).")
    var write = false

    func validate() throws {
        guard lambda.isFinite, lambda >= 0 else {
            throw ValidationError("--lambda must be a number >= 0 (0: no pull toward the current weights), got \(lambda)")
        }
        if corpus == nil && queue == nil {
            throw ValidationError("say what to learn from: --corpus PATH (a labelled corpus), --queue QUEUE (officers' verdicts), or both")
        }
    }

    func run() throws {
        let directory = try pack.resolvedDirectory()
        let loaded = PackLoader.load(directory: directory)
        guard let rulePack = loaded.pack, !loaded.hasErrors else {
            Console.error(PackError(loaded.diagnostics).description)
            throw ExitCode(2)
        }
        var corpusRead: (posts: [LabelledPost], problems: [InputProblem]) = ([], [])
        if let corpus {
            do {
                corpusRead = try LabelledCorpus.load(path: corpus)
            } catch {
                Console.error("\(error)")
                throw ExitCode(2)
            }
        }
        for problem in corpusRead.problems { Console.error(problem.description) }
        let reviewed = try queue.map(readReviewedPosts)

        let options = WeightTuner.Options(lambda: lambda)
        let report: WeightTuningReport
        do {
            report = try WeightTuner.tune(
                pack: rulePack, posts: corpusRead.posts + (reviewed?.labelledPosts ?? []),
                trainingSplits: (corpus == nil ? [] : ["dev"]) + (reviewed == nil ? [] : [ReviewedPost.split]),
                options: options)
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        let out = OutputBuffer()
        out.write(RulesTuneReportFormatter(report: report, pack: rulePack, reviewed: reviewed).render(written: write))
        out.flush()
        for failure in report.newExampleFailures {
            Console.error("warning: with the new weights, \(failure.description)")
        }

        var failed = !corpusRead.problems.isEmpty
        if write && !report.changes.isEmpty {
            failed = !writeWeights(report, directory: directory) || failed
        }
        if failed { throw ExitCode(2) }
    }

    /// Rewrites the weights, then reloads the pack to confirm it reads back with them.
    private func writeWeights(_ report: WeightTuningReport, directory: String) -> Bool {
        let edits = report.changes.map {
            WeightFileRewriter.Edit(ruleID: $0.ruleID, ruleLocation: $0.ruleLocation, oldWeight: $0.oldWeight,
                                    newWeight: $0.newWeight)
        }
        let files: [String]
        do {
            files = try WeightFileRewriter.apply(edits)
        } catch {
            Console.error("\(error.description); no file was changed")
            return false
        }
        let out = OutputBuffer()
        out.write("Wrote \(edits.count) weight(s) in \(files.count) file(s): \(files.joined(separator: ", "))\n")
        out.flush()
        let reloaded = PackLoader.load(directory: directory)
        let weights = Dictionary((reloaded.pack?.rules ?? []).map { ($0.id, $0.weight) }) { first, _ in first }
        let wrong = report.changes.filter { weights[$0.ruleID] != $0.newWeight }
        guard !reloaded.hasErrors, wrong.isEmpty else {
            Console.error("the rewritten pack does not read back as expected"
                + (wrong.isEmpty ? "" : " (weights of \(wrong.map(\.ruleID).joined(separator: ", ")))")
                + (reloaded.hasErrors ? ":\n" + PackError(reloaded.diagnostics).description : ""))
            return false
        }
        return true
    }
}

/// The human-readable tuning report: the weight diff and the figures before -> after.
struct RulesTuneReportFormatter {
    let report: WeightTuningReport
    let pack: RulePack
    /// Officers' verdicts the fit used, when --queue was given.
    var reviewed: ReviewedPosts?

    func render(written: Bool) -> String {
        let number = PackYAMLWriter.number
        let options = report.options
        var text = "Tuning \(report.weights.count) rule weight(s) of `\(pack.manifest.name)` \(pack.manifest.version) "
            + "on \(report.trainingPosts) \(splitNames) post(s) (\(report.trainingPositives) recruitment); "
            + "lambda \(number(options.lambda)), scale \(number(options.scale)), rounded to \(number(options.step)), "
            + "review threshold \(number(report.review)).\n\n"

        let changes = report.changes
        if changes.isEmpty {
            text += "No weight changes: the current weights already fit the \(splitNames) posts at this lambda.\n"
        } else {
            text += "Proposed weights (\(changes.count) of \(report.weights.count) rules change):\n"
            let sites = WeightFileRewriter.sites(for: changes.map {
                WeightFileRewriter.Edit(ruleID: $0.ruleID, ruleLocation: $0.ruleLocation, oldWeight: $0.oldWeight,
                                        newWeight: $0.newWeight)
            })
            let rows = changes.map { change -> [String] in
                let place = sites[change.ruleID].map { "\($0.location.file):\($0.location.line)" }
                    ?? "\(change.ruleLocation.file):\(change.ruleLocation.line)"
                var note = "(fired on \(change.firedOnPositive) recruitment, \(change.firedOnNegative) other)"
                if let cap = pack.manifest.caps[change.category], change.newWeight > cap {
                    // The fit does not model caps: say when the category cap will limit the new weight.
                    note += "; above the `\(change.category)` cap of \(number(cap))"
                }
                return [place, change.ruleID, "\(number(change.oldWeight)) → \(number(change.newWeight))", note]
            }
            text += table(rows)
        }

        text += "\nAt the review threshold (\(number(report.review))), recruitment against the rest, before → after:\n"
        var rows = [["split", "posts", "precision", "recall", "F1", "flagged"]]
        for comparison in report.comparisons {
            let before = comparison.before, after = comparison.after
            // Queue items were all flagged once: recall and F1 there would mislead.
            let fromQueue = comparison.split == ReviewedPost.split
            rows.append([comparison.split, "\(before.posts)",
                         "\(fraction(before.precision)) → \(fraction(after.precision))",
                         fromQueue ? "–" : "\(fraction(before.recall)) → \(fraction(after.recall))",
                         fromQueue ? "–" : "\(fraction(before.f1)) → \(fraction(after.f1))",
                         "\(before.predictedPositive) → \(after.predictedPositive)"])
        }
        text += table(rows)
        if let reviewed, let queue = report.comparisons.first(where: { $0.split == ReviewedPost.split }) {
            text += "  queue: officers' verdicts in \(reviewed.queue), each item once (\(reviewed.unsure) unsure and "
                + "\(reviewed.undecided) undecided left out); confirmed recruitment still flagged "
                + "\(queue.before.truePositives) → \(queue.after.truePositives) of \(queue.before.actualPositive); "
                + "recall is not measurable there (only flagged posts reach the queue).\n"
        }
        if !changes.isEmpty && !written {
            text += "\nNot written: run again with --write to change these weights in the rule files.\n"
        }
        return text
    }

    /// `dev`, `queue` or `dev` + `queue`.
    private var splitNames: String { report.trainingSplits.map { "`\($0)`" }.joined(separator: " + ") }

    private func fraction(_ value: Double) -> String { String(format: "%.3f", value) }

    /// Left-aligned columns, two spaces apart, indented by two.
    private func table(_ rows: [[String]]) -> String {
        var widths: [Int] = []
        for row in rows {
            for (index, cell) in row.enumerated() {
                if index >= widths.count { widths.append(0) }
                widths[index] = max(widths[index], cell.count)
            }
        }
        return rows.map { row in
            "  " + row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
