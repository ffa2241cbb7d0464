/// One labelled queue item with how the current pack scores it.
public struct ReviewedOutcome: Sendable {
    public var reviewed: ReviewedPost
    public var outcome: PostOutcome
}

/// How a rule pack does on officers' verdicts from the review queue (`rules eval --queue`).
///
/// Built on `Evaluator` (the stored original texts are rescored with the pack given), but read
/// differently from a corpus evaluation: only posts that were flagged reach the queue, so recall
/// cannot be measured there, and precision is the question — of what reached the queue, and of
/// what the current pack would still flag.
public struct QueueEvaluationReport: Sendable {
    /// The evaluation of the labelled items; `corpus` is the queue, `split` is nil.
    public var evaluation: EvaluationReport
    public var reviewed: ReviewedPosts
    /// The pack's lead categories (manifest `leads`; `victim_lead` when the pack names none).
    public var leadCategories: [String]

    /// Why no recall is reported.
    public static let recallNote = "recall is not measurable from the queue: only posts a pack flagged reach it, "
        + "so the recruitment posts it missed are not there; measure recall with `rules eval --corpus`"

    /// Labelled items per label.
    public func count(_ label: CorpusLabel) -> Int { evaluation.byLabel[label]?.posts ?? 0 }

    /// Recruitment verdicts among all labelled items: the precision of what reached the queue.
    public var queuePrecision: Double { ConfusionMatrix.ratio(count(.recruitment), evaluation.posts) }

    /// The labelled items rescored with the current pack: flagged now (TP/FP) or not any more (FN/TN).
    public var rescored: ConfusionMatrix { evaluation.matrix }

    /// Every active rule that fired on at least one labelled item, in pack order.
    public var rulesHit: [RuleEvaluation] { evaluation.rules.filter { $0.postsHit > 0 } }

    /// Rules of a lead category that fired on at least one labelled item.
    public var leadRulesHit: [RuleEvaluation] { rulesHit.filter(isLeadRule) }

    public func isLeadRule(_ rule: RuleEvaluation) -> Bool { leadCategories.contains(rule.category) }

    /// Victim-lead verdicts among the items a lead rule fired on; nil when it fired on none.
    public func leadPrecision(_ rule: RuleEvaluation) -> Double? {
        rule.postsHit == 0 ? nil : Double(rule.hitsByLabel[.victimLead] ?? 0) / Double(rule.postsHit)
    }

    /// Every labelled item with its current score, in item order.
    public var outcomes: [ReviewedOutcome] {
        zip(reviewed.posts, evaluation.outcomes).map { ReviewedOutcome(reviewed: $0, outcome: $1) }
    }

    /// Items officers marked `not-relevant`, highest current score first (ties by item id).
    public var rejected: [ReviewedOutcome] {
        outcomes.filter { $0.reviewed.post.label == .notRecruitment }
            .sorted { ($1.outcome.score, $0.reviewed.itemID) < ($0.outcome.score, $1.reviewed.itemID) }
    }
}

extension Evaluator {
    /// Rescores the labelled queue items with `pack` and measures it against officers' verdicts.
    /// An item counts as flagged when its score reaches `threshold` (default: the pack's review
    /// threshold).
    public static func evaluate(pack: CompiledPack, reviewed: ReviewedPosts, threshold: Double? = nil) -> QueueEvaluationReport {
        var evaluation = evaluate(pack: pack, posts: reviewed.labelledPosts, threshold: threshold)
        evaluation.corpus = reviewed.queue
        let leads = pack.manifest.leadCategories.isEmpty ? [victimLeadCategory] : pack.manifest.leadCategories
        return QueueEvaluationReport(evaluation: evaluation, reviewed: reviewed, leadCategories: leads)
    }
}
