import Foundation

/// Fits rule weights to labelled posts, the way SpamAssassin generates its scores.
///
/// Features: which rules fired on a post (one per rule, from the scan's `contributions`;
/// combination rules too), counted as often as the rule's `max_count` lets it score. Target:
/// `recruitment` (1) against everything else (0). Model: logistic regression whose logit is
/// `scale · (Σ wᵢ·xᵢ − review)`, so the pack's review threshold stays the decision boundary and the
/// weights stay in the pack's own units. Penalty: `lambda · Σ (wᵢ − w₀ᵢ)²`, pulling every weight
/// toward its current value (a rule that never fires keeps its weight). Constraints: a rule with a
/// positive weight stays ≥ 0, a negative one (news, legitimacy) ≤ 0, a zero one stays 0, and no
/// weight goes beyond `maximumWeight`. The fitted weights are rounded to `step` (0.5).
///
/// The fit is convex and solved by cyclic coordinate descent with a bounded-curvature Newton step
/// (every step lowers the loss). Category caps are not modelled in the fit; the before/after
/// figures are measured by rescanning with the real scorer, caps included.
public enum WeightTuner {
    public struct Options: Sendable, Hashable {
        /// Strength of the pull toward the current weights (per squared point of change; the data
        /// term sums over posts, so 1 means one squared point costs about as much as one post).
        public var lambda: Double
        /// Logit units per point of score.
        public var scale: Double
        /// Fitted weights are rounded to multiples of this.
        public var step: Double
        /// Largest magnitude a weight may take; nil: twice the review threshold, or the largest
        /// current weight if that is more.
        public var maximumWeight: Double?
        public var maximumSweeps: Int
        public var tolerance: Double

        public init(lambda: Double = 1, scale: Double = 1, step: Double = 0.5, maximumWeight: Double? = nil,
                    maximumSweeps: Int = 5000, tolerance: Double = 1e-7) {
            self.lambda = lambda
            self.scale = scale
            self.step = step
            self.maximumWeight = maximumWeight
            self.maximumSweeps = maximumSweeps
            self.tolerance = tolerance
        }
    }

    /// Which way a weight may move.
    public enum Constraint: String, Sendable, Hashable {
        /// The rule adds points: its weight stays ≥ 0.
        case nonNegative
        /// The rule subtracts points (news, legitimacy): its weight stays ≤ 0.
        case nonPositive
        /// A weight of 0 says nothing about the rule's direction: it is left alone.
        case fixed

        public init(weight: Double) {
            self = weight > 0 ? .nonNegative : (weight < 0 ? .nonPositive : .fixed)
        }
    }

    /// One post as the fit sees it.
    public struct Example: Sendable, Hashable {
        /// Rule index (into the weights being fitted) → how many times it counts (usually 1).
        public var features: [Int: Double]
        public var isPositive: Bool

        public init(features: [Int: Double], isPositive: Bool) {
            self.features = features
            self.isPositive = isPositive
        }
    }

    /// A rule's weight before and after the fit.
    public struct WeightChange: Sendable, Hashable {
        public var ruleID: String
        public var category: String
        public var constraint: Constraint
        public var oldWeight: Double
        /// The optimum before rounding.
        public var fittedWeight: Double
        public var newWeight: Double
        /// Where the rule is (its `id`); `WeightFileRewriter` finds its `weight:` from here.
        public var ruleLocation: SourceLocation
        /// Training posts it fired on, by target.
        public var firedOnPositive: Int
        public var firedOnNegative: Int

        public var changed: Bool { newWeight != oldWeight }
    }

    // MARK: Fitting on posts (the extension point)

    /// Fits the weights of `pack`'s active rules to `training` posts.
    ///
    /// This is the entry point for every source of labels: today the `dev` split of a corpus,
    /// and officers' verdicts from the review queue (`ReviewedPost`s, split `queue`).
    /// `compiled` must be `pack` compiled (it supplies what fires).
    public static func fit(pack: RulePack, compiled: CompiledPack, training: [LabelledPost],
                           options: Options = Options()) -> [WeightChange] {
        let rules = pack.rules.filter { $0.status != .disabled }
        let indexByID = Dictionary(rules.enumerated().map { ($1.id, $0) }) { first, _ in first }
        let scanner = Scanner(pack: compiled)
        var examples: [Example] = []
        var positives = [Int](repeating: 0, count: rules.count), negatives = positives
        for post in training {
            let result = scanner.scan(post.text)
            var features: [Int: Double] = [:]
            for contribution in result.contributions {
                guard let index = indexByID[contribution.ruleID] else { continue }
                let weight = rules[index].weight
                let count = weight == 0 ? 1 : max(1, (contribution.weight / weight).rounded())
                features[index, default: 0] += count
            }
            let positive = post.label == .recruitment
            for index in features.keys {
                if positive { positives[index] += 1 } else { negatives[index] += 1 }
            }
            examples.append(Example(features: features, isPositive: positive))
        }
        let initial = rules.map(\.weight)
        let constraints = initial.map(Constraint.init(weight:))
        let fitted = fitWeights(initial: initial, constraints: constraints, examples: examples,
                                review: pack.manifest.thresholds.review, options: options)
        return rules.indices.map { index in
            WeightChange(ruleID: rules[index].id, category: rules[index].category, constraint: constraints[index],
                         oldWeight: initial[index], fittedWeight: fitted[index],
                         newWeight: rounded(fitted[index], constraint: constraints[index], step: options.step),
                         ruleLocation: rules[index].location, firedOnPositive: positives[index],
                         firedOnNegative: negatives[index])
        }
    }

    /// `pack` with the new weights of `changes` (matched by rule id).
    public static func applying(_ changes: [WeightChange], to pack: RulePack) -> RulePack {
        let weights = Dictionary(changes.map { ($0.ruleID, $0.newWeight) }) { first, _ in first }
        var tuned = pack
        for index in tuned.rules.indices {
            if let weight = weights[tuned.rules[index].id] { tuned.rules[index].weight = weight }
        }
        return tuned
    }

    // MARK: The optimizer

    /// The unrounded optimum of the penalized logistic loss under the sign constraints.
    public static func fitWeights(initial: [Double], constraints: [Constraint], examples: [Example], review: Double,
                                  options: Options = Options()) -> [Double] {
        let count = initial.count
        guard count > 0, !examples.isEmpty else { return initial }
        let scale = options.scale > 0 ? options.scale : 1
        let lambda = max(0, options.lambda)
        let bound = options.maximumWeight ?? max(2 * review, initial.map(abs).max() ?? 0)
        // Per rule: the posts it fires on and how often.
        var occurrences = [[(post: Int, count: Double)]](repeating: [], count: count)
        for (post, example) in examples.enumerated() {
            for (rule, value) in example.features where rule >= 0 && rule < count && value != 0 {
                occurrences[rule].append((post, value))
            }
        }
        var weights = initial
        var logits = examples.map { example in
            scale * (example.features.reduce(0) { $0 + (($1.key >= 0 && $1.key < count) ? initial[$1.key] * $1.value : 0) } - review)
        }
        let targets = examples.map { $0.isPositive ? 1.0 : 0.0 }
        // Upper bound of each coordinate's curvature: σ' ≤ 1/4.
        let curvature = occurrences.map { list in
            scale * scale / 4 * list.reduce(0) { $0 + $1.count * $1.count } + 2 * lambda
        }
        let active = (0..<count).filter { constraints[$0] != .fixed && !occurrences[$0].isEmpty && curvature[$0] > 0 }
        for _ in 0..<max(1, options.maximumSweeps) {
            var largestStep = 0.0
            for rule in active {
                var gradient = 2 * lambda * (weights[rule] - initial[rule])
                for (post, value) in occurrences[rule] {
                    gradient += scale * (sigmoid(logits[post]) - targets[post]) * value
                }
                var next = weights[rule] - gradient / curvature[rule]
                switch constraints[rule] {
                case .nonNegative: next = min(max(next, 0), bound)
                case .nonPositive: next = max(min(next, 0), -bound)
                case .fixed: next = weights[rule]
                }
                let delta = next - weights[rule]
                guard delta != 0 else { continue }
                weights[rule] = next
                for (post, value) in occurrences[rule] { logits[post] += scale * delta * value }
                largestStep = max(largestStep, abs(delta))
            }
            if largestStep < options.tolerance { break }
        }
        return weights
    }

    /// The penalized loss the fit minimizes (for tests and diagnostics).
    public static func loss(weights: [Double], initial: [Double], examples: [Example], review: Double,
                            options: Options = Options()) -> Double {
        var total = 0.0
        for example in examples {
            let score = example.features.reduce(0) { $0 + ((weights.indices.contains($1.key)) ? weights[$1.key] * $1.value : 0) }
            let logit = options.scale * (score - review)
            // log(1 + e^-z) for positives, log(1 + e^z) for negatives, computed stably.
            let z = example.isPositive ? -logit : logit
            total += z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
        }
        for index in weights.indices where index < initial.count {
            total += options.lambda * (weights[index] - initial[index]) * (weights[index] - initial[index])
        }
        return total
    }

    static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }

    /// Rounds to a multiple of `step`, keeping the constraint (and never writing `-0`).
    public static func rounded(_ weight: Double, constraint: Constraint, step: Double) -> Double {
        var value = step > 0 ? (weight / step).rounded() * step : weight
        switch constraint {
        case .nonNegative: value = max(value, 0)
        case .nonPositive: value = min(value, 0)
        case .fixed: break
        }
        return value == 0 ? 0 : value
    }
}
