/// Renders an `EvaluationReport` as one JSON object, for tools (`patroli rules eval --format json`).
///
/// Keys are snake_case; ratios are numbers from 0 to 1; a rule's `precision` is `null` when it
/// hit no post. Post text is not included (ids, sources and lines point to it).
public enum EvaluationJSON {
    public static func render(_ report: EvaluationReport) -> String {
        var json = JSONOutput(reservingCapacity: 16 << 10)
        json.beginObject()
        writePack(of: report, to: &json)
        json.field("corpus", report.corpus)
        json.field("split", report.split)
        json.field("threshold", report.threshold)
        json.field("review_threshold", report.reviewThreshold)
        json.field("posts", report.posts)
        json.field("positive_label", CorpusLabel.recruitment.rawValue)
        json.key("metrics")
        write(report.matrix, to: &json)
        json.key("by_label")
        json.beginObject()
        for label in CorpusLabel.allCases {
            json.key(label.rawValue)
            write(report.byLabel[label] ?? Tally(), to: &json)
        }
        json.endObject()
        json.key("by_kind")
        json.beginArray()
        for kind in report.byKind {
            json.beginObject()
            json.field("kind", kind.kind)
            json.field("posts", kind.total.posts)
            json.field("flagged", kind.total.flagged)
            json.key("by_label")
            json.beginObject()
            for label in CorpusLabel.allCases {
                guard let tally = kind.byLabel[label] else { continue }
                json.key(label.rawValue)
                write(tally, to: &json)
            }
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.key("victim_leads")
        json.beginObject()
        json.field("posts", report.victimLeads.posts)
        json.field("flagged", report.victimLeads.flagged)
        json.field("with_victim_rule", report.victimLeads.withVictimRule)
        json.endObject()
        json.key("rules")
        json.beginArray()
        for rule in report.rules { write(rule, to: &json) }
        json.endArray()
        json.field("recall_lost_note", EvaluationReport.recallLostNote)
        json.key("sweep")
        json.beginArray()
        for point in report.sweep { write(point, to: &json) }
        json.endArray()
        json.key("best_f1")
        if let best = report.bestF1 { write(best, to: &json) } else { json.null() }
        json.key("categories")
        json.beginArray()
        for category in report.categories {
            json.beginObject()
            json.field("category", category.category)
            json.field("posts", category.posts)
            json.key("by_label")
            writeCounts(category.byLabel, to: &json)
            json.endObject()
        }
        json.endArray()
        json.key("false_positives")
        writePosts(report.falsePositives, to: &json)
        json.key("false_negatives")
        writePosts(report.falseNegatives, to: &json)
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self) + "\n"
    }

    /// `"pack": {name, version}`.
    static func writePack(of report: EvaluationReport, to json: inout JSONOutput) {
        json.key("pack")
        json.beginObject()
        json.field("name", report.packName)
        json.field("version", report.packVersion)
        json.endObject()
    }

    private static func write(_ matrix: ConfusionMatrix, to json: inout JSONOutput) {
        json.beginObject()
        json.field("precision", matrix.precision)
        json.field("recall", matrix.recall)
        json.field("f1", matrix.f1)
        json.field("flagged", matrix.predictedPositive)
        json.field("true_positives", matrix.truePositives)
        json.field("false_positives", matrix.falsePositives)
        json.field("false_negatives", matrix.falseNegatives)
        json.field("true_negatives", matrix.trueNegatives)
        json.endObject()
    }

    private static func write(_ tally: Tally, to json: inout JSONOutput) {
        json.beginObject()
        json.field("posts", tally.posts)
        json.field("flagged", tally.flagged)
        json.endObject()
    }

    private static func writeCounts(_ counts: [CorpusLabel: Int], to json: inout JSONOutput) {
        json.beginObject()
        for label in CorpusLabel.allCases { json.field(label.rawValue, counts[label] ?? 0) }
        json.endObject()
    }

    private static func write(_ rule: RuleEvaluation, to json: inout JSONOutput) {
        json.beginObject()
        writeFields(of: rule, to: &json)
        json.endObject()
    }

    /// A rule's fields, inside an object the caller opened (and may add to).
    static func writeFields(of rule: RuleEvaluation, to json: inout JSONOutput) {
        json.field("rule", rule.ruleID)
        json.field("category", rule.category)
        json.field("weight", rule.weight)
        json.field("status", rule.status.rawValue)
        json.field("posts_hit", rule.postsHit)
        json.key("hits_by_label")
        writeCounts(rule.hitsByLabel, to: &json)
        json.field("true_positives", rule.truePositives)
        json.field("false_positives", rule.falsePositives)
        json.key("precision")
        if let precision = rule.precision { json.number(precision) } else { json.null() }
        json.field("recall_lost", rule.recallLost)
        json.field("false_positives_removed", rule.falsePositivesRemoved)
    }

    private static func write(_ point: SweepPoint, to json: inout JSONOutput) {
        json.beginObject()
        json.field("threshold", point.threshold)
        let matrix = point.matrix
        json.field("flagged", matrix.predictedPositive)
        json.field("true_positives", matrix.truePositives)
        json.field("false_positives", matrix.falsePositives)
        json.field("false_negatives", matrix.falseNegatives)
        json.field("true_negatives", matrix.trueNegatives)
        json.field("precision", matrix.precision)
        json.field("recall", matrix.recall)
        json.field("f1", matrix.f1)
        json.endObject()
    }

    private static func writePosts(_ outcomes: [PostOutcome], to json: inout JSONOutput) {
        json.beginArray()
        for outcome in outcomes {
            json.beginObject()
            json.field("id", outcome.post.id)
            json.field("label", outcome.post.label.rawValue)
            json.field("kind", outcome.post.kind)
            json.field("split", outcome.post.split)
            json.field("source", outcome.post.source)
            json.field("line", outcome.post.line)
            json.field("score", outcome.score)
            json.field("risk", outcome.risk.rawValue)
            writeContributions(outcome.contributions, to: &json)
            json.endObject()
        }
        json.endArray()
    }

    /// `"contributions": [{rule, category, weight, points}, …]`.
    static func writeContributions(_ contributions: [Contribution], to json: inout JSONOutput) {
        json.key("contributions")
        json.beginArray()
        for contribution in contributions {
            json.beginObject()
            json.field("rule", contribution.ruleID)
            json.field("category", contribution.category)
            json.field("weight", contribution.weight)
            json.field("points", contribution.points)
            json.endObject()
        }
        json.endArray()
    }
}
