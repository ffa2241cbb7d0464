/// Why weights could not be tuned.
public enum WeightTuningError: Error, Sendable, CustomStringConvertible {
    /// The pack (or the pack with the new weights) does not compile.
    case pack(PackError)
    /// No post of the training splits.
    case noTrainingPosts(splits: [String], posts: Int)

    public var description: String {
        switch self {
        case .pack(let error):
            return error.description
        case .noTrainingPosts(let splits, let posts):
            let names = splits.map { "`\($0)`" }.joined(separator: " or ")
            var text = "no \(names) post to fit the weights on (\(posts) post(s) read)"
            if splits.contains(where: { $0 != ReviewedPost.split }) {
                text += "; mark the corpus posts to learn from with \"split\": \"\(splits[0])\""
            }
            if splits.contains(ReviewedPost.split) {
                text += "; decide queue items recruitment, not-relevant or victim-lead with `patroli review decide`"
            }
            return text
        }
    }
}

/// The figures of one split at the review threshold, with the current and the proposed weights.
public struct SplitComparison: Sendable, Hashable {
    public var split: String
    public var before: ConfusionMatrix
    public var after: ConfusionMatrix
}

/// What `WeightTuner.tune` proposes, and what it would change.
public struct WeightTuningReport: Sendable {
    public var options: WeightTuner.Options
    public var review: Double
    /// The splits fitted on (`dev`, and `queue` for officers' verdicts), in order.
    public var trainingSplits: [String]
    public var trainingPosts: Int
    public var trainingPositives: Int
    /// Every active rule's weight, before and after, in pack order.
    public var weights: [WeightTuner.WeightChange]
    /// Figures per split (training split first), before → after.
    public var comparisons: [SplitComparison]
    /// Pack examples (`pack.yaml` risks, rule examples) that passed before and fail with the new weights.
    public var newExampleFailures: [ExampleFailure]
    /// The pack with the proposed weights.
    public var tunedPack: RulePack

    /// Rules whose weight would change.
    public var changes: [WeightTuner.WeightChange] { weights.filter(\.changed) }
}

extension WeightTuner {
    /// Fits the weights on the posts of `trainingSplits` (a corpus's `dev`, and `queue` for
    /// reviewed queue items), then measures precision, recall and F1 at the review threshold on
    /// each split present, with the current and the proposed weights.
    public static func tune(pack: RulePack, posts: [LabelledPost], trainingSplits: [String] = ["dev"],
                            evaluationSplits: [String] = ["dev", "test", ReviewedPost.split],
                            options: Options = Options()) throws(WeightTuningError) -> WeightTuningReport {
        let training = posts.filter { $0.split.map(trainingSplits.contains) ?? false }
        guard !training.isEmpty else { throw .noTrainingPosts(splits: trainingSplits, posts: posts.count) }
        let compiled: CompiledPack
        do { compiled = try CompiledPack.compile(pack) } catch { throw .pack(error) }
        let weights = fit(pack: pack, compiled: compiled, training: training, options: options)
        let tunedPack = applying(weights, to: pack)
        let tuned: CompiledPack
        do { tuned = try CompiledPack.compile(tunedPack) } catch { throw .pack(error) }

        var splits = trainingSplits.filter { split in posts.contains { $0.split == split } }
        for split in evaluationSplits where !splits.contains(split) && posts.contains(where: { $0.split == split }) {
            splits.append(split)
        }
        let comparisons = splits.map { split in
            let selected = posts.filter { $0.split == split }
            return SplitComparison(split: split, before: matrix(compiled, selected), after: matrix(tuned, selected))
        }
        let failingBefore = Set(ExampleRunner.run(pack: compiled, source: pack).failures)
        let newFailures = ExampleRunner.run(pack: tuned, source: tunedPack).failures.filter { failure in
            !failingBefore.contains { $0.kind == failure.kind && $0.ruleID == failure.ruleID && $0.text == failure.text }
        }
        return WeightTuningReport(options: options, review: pack.manifest.thresholds.review,
                                  trainingSplits: trainingSplits, trainingPosts: training.count,
                                  trainingPositives: training.filter { $0.label == .recruitment }.count,
                                  weights: weights, comparisons: comparisons, newExampleFailures: newFailures,
                                  tunedPack: tunedPack)
    }

    /// Flagged (score ≥ review) against labelled `recruitment`.
    public static func matrix(_ pack: CompiledPack, _ posts: [LabelledPost]) -> ConfusionMatrix {
        let scanner = Scanner(pack: pack)
        var matrix = ConfusionMatrix()
        for post in posts {
            matrix.add(positive: post.label == .recruitment, flagged: scanner.scan(post.text).flagged)
        }
        return matrix
    }
}
