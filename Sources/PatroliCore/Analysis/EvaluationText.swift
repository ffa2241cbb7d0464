import Foundation

/// Renders an `EvaluationReport` for people (`patroli rules eval`, the default format).
public struct EvaluationTextRenderer: Sendable {
    /// How many false positives and false negatives to list (all by default).
    public var listLimit: Int

    public init(listLimit: Int = .max) {
        self.listLimit = listLimit
    }

    public func render(_ report: EvaluationReport) -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        let m = report.matrix
        var title = "Pack \(report.packName) \(report.packVersion)"
        if let corpus = report.corpus { title += " on \(corpus)" }
        if let split = report.split { title += " (split \(split))" }
        line(title + ": \(report.posts) posts, flagged at score >= \(num(report.threshold))"
             + (report.threshold == report.reviewThreshold ? " (the pack's review threshold)" : " (pack review threshold \(num(report.reviewThreshold)))"))
        line()
        line("Positive class: recruitment; not_recruitment and victim_lead posts are negatives.")
        line("  precision \(ratio(m.precision))   recall \(ratio(m.recall))   F1 \(ratio(m.f1))")
        line()
        line("Confusion matrix                   flagged  not flagged")
        line("  recruitment              " + pad(m.truePositives, 15) + pad(m.falseNegatives, 13))
        line("  not recruitment          " + pad(m.falsePositives, 15) + pad(m.trueNegatives, 13))
        line("  (TP \(m.truePositives), FP \(m.falsePositives), FN \(m.falseNegatives), TN \(m.trueNegatives))")
        line()
        line("By label")
        for label in CorpusLabel.allCases {
            let tally = report.byLabel[label] ?? Tally()
            line("  \(label.rawValue): \(tally.flagged) of \(tally.posts) flagged")
        }
        let victims = report.victimLeads
        line("  victim leads: \(victims.flagged) of \(victims.posts) flagged; \(victims.withVictimRule) of \(victims.posts)"
             + " had a \(Evaluator.victimLeadCategory) rule fire")
        line()
        line("By kind")
        for kind in report.byKind {
            var text = "  \(safe(kind.kind)): \(kind.total.flagged) of \(kind.total.posts) flagged"
            let labels = CorpusLabel.allCases.compactMap { label -> String? in
                guard let tally = kind.byLabel[label] else { return nil }
                return "\(label.rawValue) \(tally.flagged)/\(tally.posts)"
            }
            if labels.count > 1 || kind.byLabel[.recruitment] == nil { text += " (" + labels.joined(separator: ", ") + ")" }
            line(text)
        }
        line()
        renderRules(report, line)
        line()
        renderSweep(report, line)
        line()
        renderPosts("False positives", report.falsePositives, line)
        line()
        renderPosts("False negatives", report.falseNegatives, line)
        return out
    }

    private func renderRules(_ report: EvaluationReport, _ line: (String) -> Void) {
        let width = max(24, report.rules.map(\.ruleID.count).max() ?? 0)
        line("Rules" + String(repeating: " ", count: width - 3) + "weight  hits    TP    FP  precision  recall lost")
        for rule in report.rules {
            let precision = rule.precision.map(ratio) ?? "-"
            line("  " + safe(rule.ruleID).padding(toLength: width, withPad: " ", startingAt: 0)
                 + padText(num(rule.weight), 8) + pad(rule.postsHit, 6) + pad(rule.truePositives, 6)
                 + pad(rule.falsePositives, 6) + padText(precision, 11) + pad(rule.recallLost, 13))
        }
        line("  TP/FP: hit posts labelled recruitment / not. " + EvaluationReport.recallLostNote + ".")
    }

    private func renderSweep(_ report: EvaluationReport, _ line: (String) -> Void) {
        line("Threshold sweep (flag at score >= threshold)")
        line("  threshold  flagged    TP    FP    FN  precision  recall     F1")
        for point in report.sweep.reversed() {
            let m = point.matrix
            let marker = point.threshold == report.threshold ? "  <- used" : ""
            line("  " + padText(num(point.threshold), 9) + pad(m.predictedPositive, 9) + pad(m.truePositives, 6)
                 + pad(m.falsePositives, 6) + pad(m.falseNegatives, 6) + padText(ratio(m.precision), 11)
                 + padText(ratio(m.recall), 8) + padText(ratio(m.f1), 7) + marker)
        }
        if let best = report.bestF1 {
            line("  best F1 \(ratio(best.matrix.f1)) at threshold \(num(best.threshold))")
        }
    }

    private func renderPosts(_ title: String, _ outcomes: [PostOutcome], _ line: (String) -> Void) {
        line("\(title) (\(outcomes.count))")
        if outcomes.isEmpty { line("  none") }
        for outcome in outcomes.prefix(listLimit) {
            let post = outcome.post
            line("  \(safe(post.id))  score \(num(outcome.score))  \(post.label.rawValue)"
                 + (post.kind.map { ", \(safe($0))" } ?? "") + "  (\(safe(post.source)):\(post.line))")
            line("    \"\(snippet(post.text))\"")
            let parts = outcome.contributions.map { "\(signed($0.points)) \(safe($0.ruleID))" }
            line("    " + (parts.isEmpty ? "no rule fired" : parts.joined(separator: ", ")))
        }
        if outcomes.count > listLimit { line("  … and \(outcomes.count - listLimit) more") }
    }

    // MARK: Formatting

    func ratio(_ value: Double) -> String { String(format: "%.3f", value) }
    func num(_ value: Double) -> String { JSONOutput.format(value) }
    func signed(_ value: Double) -> String { value < 0 ? num(value) : "+" + num(value) }
    func pad(_ value: Int, _ width: Int) -> String { padText(String(value), width) }
    func padText(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }

    /// Text with control characters (terminal escapes included) and bidi overrides made harmless.
    func safe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            let bidi = (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
            return scalar.properties.generalCategory == .control || bidi ? "\u{FFFD}" : scalar
        }))
    }

    /// The first 100 characters of a post on one line.
    func snippet(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return safe(flat.count > 100 ? String(flat.prefix(99)) + "…" : flat)
    }
}
