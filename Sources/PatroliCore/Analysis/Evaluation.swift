/// Counts of a binary decision against the labels. The positive class is `recruitment`;
/// `not_recruitment` and `victim_lead` posts are negatives.
public struct ConfusionMatrix: Sendable, Hashable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var trueNegatives = 0

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0, trueNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.trueNegatives = trueNegatives
    }

    public var posts: Int { truePositives + falsePositives + falseNegatives + trueNegatives }
    public var predictedPositive: Int { truePositives + falsePositives }
    public var actualPositive: Int { truePositives + falseNegatives }

    /// TP / (TP + FP); 0 when nothing is flagged.
    public var precision: Double { Self.ratio(truePositives, predictedPositive) }
    /// TP / (TP + FN); 0 when the corpus has no positive post.
    public var recall: Double { Self.ratio(truePositives, actualPositive) }
    /// Harmonic mean of precision and recall; 0 when both are 0.
    public var f1: Double {
        let sum = precision + recall
        return sum == 0 ? 0 : 2 * precision * recall / sum
    }

    mutating func add(positive: Bool, flagged: Bool) {
        switch (positive, flagged) {
        case (true, true): truePositives += 1
        case (false, true): falsePositives += 1
        case (true, false): falseNegatives += 1
        case (false, false): trueNegatives += 1
        }
    }

    static func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }
}

/// How one labelled post scored.
public struct PostOutcome: Sendable {
    public var post: LabelledPost
    public var score: Double
    public var risk: RiskLevel
    /// Flagged at the evaluation's threshold.
    public var flagged: Bool
    /// The rules that fired, in pack order, with their points.
    public var contributions: [Contribution]
    /// Rules that could not run on the post (a regex hitting its match limit).
    public var failures: [RuleFailure]

    /// Whether the post belongs to the positive class (`recruitment`).
    public var isPositive: Bool { post.label == .recruitment }
}

/// Posts of a group, and how many of them were flagged.
public struct Tally: Sendable, Hashable {
    public var posts = 0
    public var flagged = 0
    public init(posts: Int = 0, flagged: Int = 0) {
        self.posts = posts
        self.flagged = flagged
    }
}

/// Posts of one `kind` (`news`, `fb_group`, …), flagged or not, overall and per label.
public struct KindBreakdown: Sendable, Hashable {
    /// The kind, or `(none)` for posts without one.
    public var kind: String
    public var total: Tally
    public var byLabel: [CorpusLabel: Tally]
}

/// How one rule did on the corpus.
public struct RuleEvaluation: Sendable, Hashable {
    public var ruleID: String
    public var category: String
    public var weight: Double
    public var status: RuleStatus
    /// Posts on which the rule fired.
    public var postsHit: Int
    public var hitsByLabel: [CorpusLabel: Int]
    /// Hit posts labelled `recruitment`, and the other hit posts.
    public var truePositives: Int
    public var falsePositives: Int
    /// TP / hits; `nil` when the rule hit no post.
    public var precision: Double?
    /// Recruitment posts flagged now that would fall below the threshold without this rule
    /// (estimated with `PackRescorer`).
    public var recallLost: Int
    /// Non-recruitment posts flagged now that would fall below the threshold without this rule.
    public var falsePositivesRemoved: Int
}

/// Precision, recall and F1 if posts were flagged at `threshold`.
public struct SweepPoint: Sendable, Hashable {
    public var threshold: Double
    public var matrix: ConfusionMatrix
}

/// Posts on which a rule of one category fired, per label.
public struct CategoryHits: Sendable, Hashable {
    public var category: String
    public var posts: Int
    public var byLabel: [CorpusLabel: Int]
}

/// Victim leads are negatives for recruitment, but officers want them listed: how many were
/// flagged, and how many had a rule of the `victim_lead` category fire.
public struct VictimLeadSummary: Sendable, Hashable {
    public var posts: Int
    public var flagged: Int
    public var withVictimRule: Int
}

/// Everything `patroli rules eval` reports about a pack on a labelled corpus.
public struct EvaluationReport: Sendable {
    public var packName: String
    public var packVersion: String
    /// The threshold posts were flagged at, and the pack's own review threshold.
    public var threshold: Double
    public var reviewThreshold: Double
    /// What was evaluated, for the report's title (set by the caller; `nil` when not known).
    public var corpus: String?
    public var split: String?
    public var matrix: ConfusionMatrix
    public var byLabel: [CorpusLabel: Tally]
    /// Sorted by kind.
    public var byKind: [KindBreakdown]
    /// Every active rule, in pack order.
    public var rules: [RuleEvaluation]
    /// One point per distinct score of the corpus and one at `threshold`, lowest threshold first.
    public var sweep: [SweepPoint]
    /// Every category of the pack, sorted by name.
    public var categories: [CategoryHits]
    public var victimLeads: VictimLeadSummary
    /// Every post, in corpus order.
    public var outcomes: [PostOutcome]

    public var posts: Int { outcomes.count }

    /// Negatives flagged, highest score first.
    public var falsePositives: [PostOutcome] {
        Self.byScore(outcomes.filter { $0.flagged && !$0.isPositive })
    }

    /// Recruitment posts not flagged, highest score first (the nearest misses lead).
    public var falseNegatives: [PostOutcome] {
        Self.byScore(outcomes.filter { !$0.flagged && $0.isPositive })
    }

    /// The sweep point with the best F1 (the lowest such threshold on a tie).
    public var bestF1: SweepPoint? {
        sweep.reduce(nil) { best, point in
            guard let best else { return point }
            return point.matrix.f1 > best.matrix.f1 ? point : best
        }
    }

    /// How `recallLost` is computed, for every output that shows it.
    public static let recallLostNote = "recall lost is estimated: each post is rescored without the rule's points "
        + "(combinations re-evaluated, category caps re-applied), without scanning again; "
        + "`near` conditions and repeated matches make it approximate"

    private static func byScore(_ outcomes: [PostOutcome]) -> [PostOutcome] {
        outcomes.enumerated()
            .sorted { ($1.element.score, $0.offset) < ($0.element.score, $1.offset) }
            .map(\.element)
    }
}

/// Scores a labelled corpus with a pack and measures it against the labels.
public enum Evaluator {
    /// The category whose rules mark victim leads.
    public static let victimLeadCategory = "victim_lead"

    /// Evaluates `pack` on `posts`. A post is flagged when its score is at least `threshold`
    /// (default: the pack's review threshold).
    public static func evaluate(pack: CompiledPack, posts: [LabelledPost], threshold: Double? = nil) -> EvaluationReport {
        let cut = threshold ?? pack.manifest.thresholds.review
        let scanner = Scanner(pack: pack)
        let outcomes = posts.map { post -> PostOutcome in
            let result = scanner.scan(post.text)
            return PostOutcome(post: post, score: result.score, risk: result.risk, flagged: result.score >= cut,
                               contributions: result.contributions, failures: result.failures)
        }
        var matrix = ConfusionMatrix()
        var byLabel: [CorpusLabel: Tally] = [:]
        var byKind: [String: KindBreakdown] = [:]
        var victims = VictimLeadSummary(posts: 0, flagged: 0, withVictimRule: 0)
        for outcome in outcomes {
            let label = outcome.post.label
            let flagged = outcome.flagged ? 1 : 0
            matrix.add(positive: outcome.isPositive, flagged: outcome.flagged)
            byLabel[label, default: Tally()].posts += 1
            byLabel[label, default: Tally()].flagged += flagged
            let kind = outcome.post.kind.flatMap { $0.isEmpty ? nil : $0 } ?? "(none)"
            var breakdown = byKind[kind] ?? KindBreakdown(kind: kind, total: Tally(), byLabel: [:])
            breakdown.total.posts += 1
            breakdown.total.flagged += flagged
            breakdown.byLabel[label, default: Tally()].posts += 1
            breakdown.byLabel[label, default: Tally()].flagged += flagged
            byKind[kind] = breakdown
            if label == .victimLead {
                victims.posts += 1
                victims.flagged += flagged
                if outcome.contributions.contains(where: { $0.category == victimLeadCategory }) { victims.withVictimRule += 1 }
            }
        }
        return EvaluationReport(
            packName: pack.manifest.name, packVersion: pack.manifest.version,
            threshold: cut, reviewThreshold: pack.manifest.thresholds.review, corpus: nil, split: nil,
            matrix: matrix, byLabel: byLabel, byKind: byKind.values.sorted { $0.kind < $1.kind },
            rules: ruleEvaluations(pack: pack, outcomes: outcomes, threshold: cut),
            sweep: sweep(outcomes, threshold: cut), categories: categoryHits(pack: pack, outcomes: outcomes),
            victimLeads: victims, outcomes: outcomes)
    }

    /// Precision, recall and F1 at every distinct score of the corpus, and at `threshold`.
    static func sweep(_ outcomes: [PostOutcome], threshold: Double) -> [SweepPoint] {
        let thresholds = Set(outcomes.map(\.score) + [threshold]).sorted()
        return thresholds.map { cut in
            var matrix = ConfusionMatrix()
            for outcome in outcomes { matrix.add(positive: outcome.isPositive, flagged: outcome.score >= cut) }
            return SweepPoint(threshold: cut, matrix: matrix)
        }
    }

    private static func ruleEvaluations(pack: CompiledPack, outcomes: [PostOutcome], threshold: Double) -> [RuleEvaluation] {
        let rescorer = PackRescorer(pack: pack)
        var evaluations = pack.rules.map { compiled in
            RuleEvaluation(ruleID: compiled.rule.id, category: compiled.rule.category, weight: compiled.rule.weight,
                           status: compiled.rule.status, postsHit: 0, hitsByLabel: [:], truePositives: 0,
                           falsePositives: 0, precision: nil, recallLost: 0, falsePositivesRemoved: 0)
        }
        var indexByID: [String: Int] = [:]
        for (index, evaluation) in evaluations.enumerated() { indexByID[evaluation.ruleID] = index }
        for outcome in outcomes {
            for ruleID in Set(outcome.contributions.map(\.ruleID)) {
                guard let index = indexByID[ruleID] else { continue }
                evaluations[index].postsHit += 1
                evaluations[index].hitsByLabel[outcome.post.label, default: 0] += 1
                if outcome.isPositive { evaluations[index].truePositives += 1 } else { evaluations[index].falsePositives += 1 }
                if outcome.flagged && rescorer.score(outcome.contributions, removing: [ruleID]) < threshold {
                    if outcome.isPositive { evaluations[index].recallLost += 1 } else { evaluations[index].falsePositivesRemoved += 1 }
                }
            }
        }
        for index in evaluations.indices where evaluations[index].postsHit > 0 {
            evaluations[index].precision = Double(evaluations[index].truePositives) / Double(evaluations[index].postsHit)
        }
        return evaluations
    }

    private static func categoryHits(pack: CompiledPack, outcomes: [PostOutcome]) -> [CategoryHits] {
        let names = Set(pack.manifest.categories.keys).union(pack.rules.map(\.rule.category)).sorted()
        var hits = Dictionary(uniqueKeysWithValues: names.map { ($0, CategoryHits(category: $0, posts: 0, byLabel: [:])) })
        for outcome in outcomes {
            for category in Set(outcome.contributions.map(\.category)) {
                hits[category, default: CategoryHits(category: category, posts: 0, byLabel: [:])].posts += 1
                hits[category, default: CategoryHits(category: category, posts: 0, byLabel: [:])].byLabel[outcome.post.label, default: 0] += 1
            }
        }
        return hits.values.sorted { $0.category < $1.category }
    }
}
