/// Renders a `QueueEvaluationReport` as one self-contained HTML page
/// (`rules eval --queue … --format html`), in the style of `EvaluationHTMLRenderer`: no external
/// assets, no scripts, every string from the queue or the pack escaped.
public struct QueueEvaluationHTMLRenderer: Sendable {
    private let base = EvaluationHTMLRenderer()

    public init() {}

    public func render(_ report: QueueEvaluationReport) -> String {
        let evaluation = report.evaluation, reviewed = report.reviewed, m = report.rescored
        var html = EvaluationHTMLRenderer.pageStart(
            title: "Patroli evaluation on officers' verdicts: \(evaluation.packName) \(evaluation.packVersion)")
        let subtitle = "\(evaluation.posts) labelled items from \(reviewed.queue) (each item once, by its latest verdict; "
            + "\(reviewed.unsure) unsure and \(reviewed.undecided) undecided left out"
            + (reviewed.byClusterDecision > 0 ? "; \(reviewed.byClusterDecision) decided by a whole-cluster decision" : "")
            + "); flagged at score ≥ \(base.num(evaluation.threshold)) (pack review threshold \(base.num(evaluation.reviewThreshold)))."
        html += "<p class=\"sub\">\(e(subtitle))</p>\n"
        html += "<div class=\"cards\">"
            + base.card("precision of the queue", base.ratio(report.queuePrecision))
            + base.card("precision rescored", base.ratio(m.precision))
            + base.card("still flagged", "\(m.predictedPositive) of \(evaluation.posts)")
            + base.card("recruitment", "\(report.count(.recruitment))")
            + base.card("not-relevant", "\(report.count(.notRecruitment))")
            + base.card("victim-lead", "\(report.count(.victimLead))")
            + "</div>\n"
        html += "<p>Rescored with this pack: \(m.truePositives) confirmed and \(m.falsePositives) other items still flagged; "
            + "below the threshold: \(m.falseNegatives) recruitment (would now be missed), \(m.trueNegatives) not recruitment.</p>\n"
        html += "<p class=\"note\">Recall is not reported: \(e(QueueEvaluationReport.recallNote)).</p>\n"
        html += rulesTable(report)
        html += leadTable(report)
        let rejected = report.rejected
        html += "<h2>Rejected by officers (\(rejected.count))</h2>\n"
        if rejected.isEmpty { html += "<p>None.</p>\n" }
        for item in rejected {
            let reviewed = item.reviewed
            let meta = "queued at \(base.num(reviewed.queuedScore)) · \(item.outcome.flagged ? "still flagged" : "no longer flagged")"
                + " · \(reviewed.post.source):\(reviewed.post.line)"
            let decision = "decided by \(reviewed.reviewer)" + (reviewed.byClusterDecision ? " for its whole cluster" : "")
                + (reviewed.note.map { ": “\($0)”" } ?? "")
            html += base.article(id: reviewed.post.id, outcome: item.outcome, meta: meta,
                                 extra: "<p class=\"meta\">\(e(decision))</p>\n")
        }
        return html + "</body>\n</html>\n"
    }

    private func rulesTable(_ report: QueueEvaluationReport) -> String {
        var html = "<h2>Rules, by officers' verdicts</h2>\n<table class=\"num\"><tr><th>rule</th><th>category</th><th>weight</th>"
            + "<th>hits</th><th>confirmed</th><th>rejected</th><th>leads</th><th>precision</th></tr>"
        for rule in report.rulesHit {
            html += "<tr><td><code>\(e(rule.ruleID))</code></td><td>\(e(rule.category))</td><td>\(e(base.num(rule.weight)))</td>"
                + "<td>\(rule.postsHit)</td><td>\(rule.hitsByLabel[.recruitment] ?? 0)</td>"
                + "<td>\(rule.hitsByLabel[.notRecruitment] ?? 0)</td><td>\(rule.hitsByLabel[.victimLead] ?? 0)</td>"
                + "<td>\(e(rule.precision.map(base.ratio) ?? "–"))</td></tr>"
        }
        return html + "</table>\n<p class=\"note\">Precision: confirmed / hits (victim leads count against it).</p>\n"
    }

    private func leadTable(_ report: QueueEvaluationReport) -> String {
        let leads = report.leadRulesHit
        guard !leads.isEmpty else { return "" }
        var html = "<h2>Lead rules</h2>\n<table class=\"num\"><tr><th>rule</th><th>hits</th><th>victim-lead verdicts</th>"
            + "<th>lead precision</th></tr>"
        for rule in leads {
            html += "<tr><td><code>\(e(rule.ruleID))</code></td><td>\(rule.postsHit)</td><td>\(rule.hitsByLabel[.victimLead] ?? 0)</td>"
                + "<td>\(e(report.leadPrecision(rule).map(base.ratio) ?? "–"))</td></tr>"
        }
        return html + "</table>\n"
    }

    private func e(_ text: String) -> String { HTMLEscaping.escape(text) }
}
