import Foundation

/// Renders a `QueueEvaluationReport` as one JSON object (`patroli rules eval --queue … --format json`).
///
/// Keys are snake_case, ratios numbers from 0 to 1. `recall` is always `null`, with
/// `recall_note` saying why. Rules carry the same fields as in a corpus evaluation
/// (`hits_by_label` uses the corpus label names), plus `confirmed`, `rejected` and `leads`.
public enum QueueEvaluationJSON {
    public static func render(_ report: QueueEvaluationReport) -> String {
        let evaluation = report.evaluation, reviewed = report.reviewed, m = report.rescored
        var json = JSONOutput(reservingCapacity: 16 << 10)
        json.beginObject()
        EvaluationJSON.writePack(of: evaluation, to: &json)
        json.field("queue", reviewed.queue)
        json.field("threshold", evaluation.threshold)
        json.field("review_threshold", evaluation.reviewThreshold)
        json.key("labels")
        json.beginObject()
        json.field("labelled", evaluation.posts)
        json.field("recruitment", report.count(.recruitment))
        json.field("not_relevant", report.count(.notRecruitment))
        json.field("victim_lead", report.count(.victimLead))
        json.field("by_cluster_decision", reviewed.byClusterDecision)
        json.key("excluded")
        json.beginObject()
        json.field("unsure", reviewed.unsure)
        json.field("undecided", reviewed.undecided)
        json.endObject()
        json.endObject()
        json.field("queue_precision", report.queuePrecision)
        json.key("rescored")
        json.beginObject()
        json.field("flagged", m.predictedPositive)
        json.field("precision", m.precision)
        json.field("true_positives", m.truePositives)
        json.field("false_positives", m.falsePositives)
        json.field("recruitment_no_longer_flagged", m.falseNegatives)
        json.field("other_no_longer_flagged", m.trueNegatives)
        json.endObject()
        json.key("recall")
        json.null()
        json.field("recall_note", QueueEvaluationReport.recallNote)
        json.key("rules")
        json.beginArray()
        for rule in report.rulesHit { write(rule, report: report, to: &json) }
        json.endArray()
        json.key("lead_categories")
        json.beginArray()
        for category in report.leadCategories { json.string(category) }
        json.endArray()
        json.key("rejected")
        json.beginArray()
        for item in report.rejected { write(item, to: &json) }
        json.endArray()
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self) + "\n"
    }

    private static func write(_ rule: RuleEvaluation, report: QueueEvaluationReport, to json: inout JSONOutput) {
        json.beginObject()
        EvaluationJSON.writeFields(of: rule, to: &json)
        json.field("confirmed", rule.hitsByLabel[.recruitment] ?? 0)
        json.field("rejected", rule.hitsByLabel[.notRecruitment] ?? 0)
        json.field("leads", rule.hitsByLabel[.victimLead] ?? 0)
        json.field("lead_rule", report.isLeadRule(rule))
        json.key("lead_precision")
        if report.isLeadRule(rule), let precision = report.leadPrecision(rule) { json.number(precision) } else { json.null() }
        json.endObject()
    }

    private static func write(_ item: ReviewedOutcome, to json: inout JSONOutput) {
        let reviewed = item.reviewed, outcome = item.outcome
        json.beginObject()
        json.field("item", Int(reviewed.itemID))
        json.field("post", reviewed.post.id)
        json.field("source", reviewed.post.source)
        json.field("line", reviewed.post.line)
        json.field("text", reviewed.post.text)
        json.field("queued_score", reviewed.queuedScore)
        json.field("score", outcome.score)
        json.field("risk", outcome.risk.rawValue)
        json.field("flagged", outcome.flagged)
        json.field("reviewer", reviewed.reviewer)
        json.field("note", reviewed.note)
        json.field("decided_at", ISO8601DateFormatter().string(from: reviewed.decidedAt))
        json.field("by_cluster_decision", reviewed.byClusterDecision)
        EvaluationJSON.writeContributions(outcome.contributions, to: &json)
        json.endObject()
    }
}
