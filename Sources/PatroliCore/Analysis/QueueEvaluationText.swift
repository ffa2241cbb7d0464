/// Renders a `QueueEvaluationReport` for people (`patroli rules eval --queue`, the default format).
public struct QueueEvaluationTextRenderer: Sendable {
    /// How many rejected items to list (all by default).
    public var listLimit: Int
    private let base: EvaluationTextRenderer

    public init(listLimit: Int = .max) {
        self.listLimit = listLimit
        base = EvaluationTextRenderer(listLimit: listLimit)
    }

    public func render(_ report: QueueEvaluationReport) -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        let evaluation = report.evaluation, reviewed = report.reviewed, m = report.rescored
        line("Pack \(evaluation.packName) \(evaluation.packVersion) on officers' verdicts in \(base.safe(reviewed.queue)): "
             + "\(evaluation.posts) labelled items, flagged at score >= \(base.num(evaluation.threshold))"
             + (evaluation.threshold == evaluation.reviewThreshold
                ? " (the pack's review threshold)" : " (pack review threshold \(base.num(evaluation.reviewThreshold)))"))
        line()
        line("Labels (each item once, by its latest verdict): \(report.count(.recruitment)) recruitment, "
             + "\(report.count(.notRecruitment)) not-relevant, \(report.count(.victimLead)) victim-lead")
        line("  excluded: \(reviewed.unsure) unsure, \(reviewed.undecided) undecided")
        if reviewed.byClusterDecision > 0 {
            line("  \(reviewed.byClusterDecision) of the labelled items were decided by a whole-cluster decision (counted once each)")
        }
        line()
        line("Precision of what reached the queue (recruitment verdicts among labelled items): "
             + "\(base.ratio(report.queuePrecision)) (\(report.count(.recruitment)) of \(evaluation.posts))")
        line("Rescored with this pack: \(m.predictedPositive) of \(evaluation.posts) still flagged, precision "
             + "\(base.ratio(m.precision)) (\(m.truePositives) of \(m.predictedPositive))")
        line("  below the threshold: \(m.falseNegatives) recruitment (would now be missed), \(m.trueNegatives) not recruitment"
             + " (victim leads are queued as leads whatever their score)")
        line("Recall: not reported; " + QueueEvaluationReport.recallNote + ".")
        line()
        renderRules(report, line)
        line()
        renderRejected(report, line)
        return out
    }

    private func renderRules(_ report: QueueEvaluationReport, _ line: (String) -> Void) {
        let rules = report.rulesHit
        let width = max(24, rules.map(\.ruleID.count).max() ?? 0)
        line("Rules that fired on labelled items (\(rules.count)), by officers' verdicts")
        line("  " + "rule".padding(toLength: width, withPad: " ", startingAt: 0)
             + "  weight  hits  confirmed  rejected  leads  precision")
        for rule in rules {
            line("  " + base.safe(rule.ruleID).padding(toLength: width, withPad: " ", startingAt: 0)
                 + base.padText(base.num(rule.weight), 8) + base.pad(rule.postsHit, 6)
                 + base.pad(rule.hitsByLabel[.recruitment] ?? 0, 11) + base.pad(rule.hitsByLabel[.notRecruitment] ?? 0, 10)
                 + base.pad(rule.hitsByLabel[.victimLead] ?? 0, 7) + base.padText(rule.precision.map(base.ratio) ?? "-", 11))
        }
        if rules.isEmpty { line("  none") }
        line("  confirmed/rejected/leads: items decided recruitment / not-relevant / victim-lead; "
             + "precision: confirmed / hits (leads count against it, as victim_lead posts do in a corpus; "
             + "negative-weight rules are meant to hit rejected items).")
        let leads = report.leadRulesHit
        guard !leads.isEmpty else { return }
        line("")
        line("Lead rules (categories \(report.leadCategories.joined(separator: ", "))): lead precision = victim-lead verdicts / hits")
        for rule in leads {
            line("  " + base.safe(rule.ruleID).padding(toLength: width, withPad: " ", startingAt: 0)
                 + "  hits \(rule.postsHit)  leads \(rule.hitsByLabel[.victimLead] ?? 0)"
                 + "  lead precision \(report.leadPrecision(rule).map(base.ratio) ?? "-")")
        }
    }

    private func renderRejected(_ report: QueueEvaluationReport, _ line: (String) -> Void) {
        let rejected = report.rejected
        line("Rejected by officers (\(rejected.count)): not-relevant items, highest current score first")
        if rejected.isEmpty { line("  none") }
        for item in rejected.prefix(listLimit) {
            let reviewed = item.reviewed, outcome = item.outcome
            let state = outcome.flagged ? "still flagged" : "no longer flagged"
            line("  item \(reviewed.itemID)  score \(base.num(outcome.score)) (queued at \(base.num(reviewed.queuedScore)), \(state))"
                 + "  \(base.safe(reviewed.post.source)):\(reviewed.post.line)")
            line("    decided by \(base.safe(reviewed.reviewer))" + (reviewed.byClusterDecision ? " for its whole cluster" : "")
                 + (reviewed.note.map { ": \"\(base.snippet($0))\"" } ?? ""))
            line("    \"\(base.snippet(reviewed.post.text))\"")
            let parts = outcome.contributions.map { "\(base.signed($0.points)) \(base.safe($0.ruleID))" }
            line("    " + (parts.isEmpty ? "no rule fires now" : parts.joined(separator: ", ")))
        }
        if rejected.count > listLimit { line("  … and \(rejected.count - listLimit) more") }
    }
}
