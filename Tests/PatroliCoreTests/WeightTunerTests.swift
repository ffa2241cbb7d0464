import Foundation
import Testing
@testable import PatroliCore

/// A tiny pack and corpus where `signal.lowongan` tells recruitment apart and `noise.hari` does not.
enum TuningFixture {
    static let manifest = """
        name: tune-test
        version: 1.0.0
        thresholds: {low: 2, medium: 4, high: 8, review: 4}
        categories:
          signal: recruitment wording
          noise: everyday wording
          news: reporting
          quiet: never fires
        """

    static let rules = """
        rules:
          - id: signal.lowongan
            description: job-offer wording
            category: signal
            weight: 2
            keywords: ["lowongan"]
          - id: noise.hari
            description: an everyday word
            category: noise
            weight: 3
            keywords: ["hari"]
          - id: news.polisi
            description: police reporting (negative, but fires on recruitment posts here)
            category: news
            weight: -1
            keywords: ["polisi"]
          - id: quiet.never
            description: never fires on the corpus
            category: quiet
            weight: 3
            keywords: ["zzzyyx"]
          - id: quiet.zero
            description: weight zero, direction unknown
            category: quiet
            weight: 0
            keywords: ["lowongan"]
        """

    static func pack() throws -> RulePack {
        let loaded = PackLoader.load(files: [("pack.yaml", manifest), ("rules.yaml", rules)])
        return try #require(loaded.pack, "\(loaded.diagnostics)")
    }

    /// Recruitment posts say "lowongan" (some also "hari", "polisi"); the others say "hari" only.
    static func posts(split: String = "dev") -> [LabelledPost] {
        var posts: [LabelledPost] = []
        for n in 0..<6 {
            posts.append(LabelledPost(id: "r\(n)", text: n < 2 ? "lowongan kerja hari ini" : "lowongan kerja polisi",
                                      label: .recruitment, split: split))
        }
        for n in 0..<6 {
            posts.append(LabelledPost(id: "o\(n)", text: "hari yang cerah nomor \(n)",
                                      label: n < 4 ? .notRecruitment : .victimLead, split: split))
        }
        return posts
    }

    static func weight(_ id: String, in changes: [WeightTuner.WeightChange]) -> WeightTuner.WeightChange? {
        changes.first { $0.ruleID == id }
    }
}

@Suite struct WeightTunerTests {
    typealias F = TuningFixture

    @Test func predictiveRuleGainsWeightAndNoiseLosesIt() throws {
        let pack = try F.pack()
        let compiled = try CompiledPack.compile(pack)
        let changes = WeightTuner.fit(pack: pack, compiled: compiled, training: F.posts())
        let signal = try #require(F.weight("signal.lowongan", in: changes))
        let noise = try #require(F.weight("noise.hari", in: changes))
        #expect(signal.newWeight > signal.oldWeight, "\(signal)")
        #expect(noise.newWeight < noise.oldWeight, "\(noise)")
        #expect(signal.firedOnPositive == 6 && signal.firedOnNegative == 0)
        #expect(noise.firedOnPositive == 2 && noise.firedOnNegative == 6)
    }

    @Test func hugeLambdaKeepsWeightsAtTheirCurrentValues() throws {
        let pack = try F.pack()
        let compiled = try CompiledPack.compile(pack)
        let changes = WeightTuner.fit(pack: pack, compiled: compiled, training: F.posts(),
                                      options: WeightTuner.Options(lambda: 1e6))
        for change in changes {
            #expect(abs(change.fittedWeight - change.oldWeight) < 0.01, "\(change)")
            #expect(change.newWeight == change.oldWeight, "\(change)")
        }
    }

    @Test func weakerLambdaMovesWeightsFurther() throws {
        let pack = try F.pack()
        let compiled = try CompiledPack.compile(pack)
        let loose = WeightTuner.fit(pack: pack, compiled: compiled, training: F.posts(), options: .init(lambda: 0.1))
        let tight = WeightTuner.fit(pack: pack, compiled: compiled, training: F.posts(), options: .init(lambda: 10))
        let looseSignal = try #require(F.weight("signal.lowongan", in: loose)).fittedWeight
        let tightSignal = try #require(F.weight("signal.lowongan", in: tight)).fittedWeight
        #expect(looseSignal > tightSignal && tightSignal > 2)
    }

    @Test func signsHoldEvenWhenTheDataPullsAcross() throws {
        let pack = try F.pack()
        let compiled = try CompiledPack.compile(pack)
        let changes = WeightTuner.fit(pack: pack, compiled: compiled, training: F.posts(), options: .init(lambda: 0))
        // `news.polisi` fires only on recruitment posts: the data wants it positive; it stays <= 0.
        let news = try #require(F.weight("news.polisi", in: changes))
        #expect(news.constraint == .nonPositive)
        #expect(news.fittedWeight <= 0 && news.newWeight <= 0, "\(news)")
        #expect(news.newWeight == 0, "pulled up to the boundary")
        // `noise.hari` fires mostly on other posts: the data pulls it down; it stays >= 0.
        let noise = try #require(F.weight("noise.hari", in: changes))
        #expect(noise.fittedWeight >= 0 && noise.newWeight >= 0, "\(noise)")
        // A zero weight says nothing about direction and is left alone.
        let zero = try #require(F.weight("quiet.zero", in: changes))
        #expect(zero.constraint == .fixed && zero.newWeight == 0)
        // Without a penalty the weight still stays within the bound (2 x review).
        let signal = try #require(F.weight("signal.lowongan", in: changes))
        #expect(signal.fittedWeight <= 8)
    }

    @Test func ruleThatNeverFiresKeepsItsWeight() throws {
        let pack = try F.pack()
        let compiled = try CompiledPack.compile(pack)
        let changes = WeightTuner.fit(pack: pack, compiled: compiled, training: F.posts(), options: .init(lambda: 0.01))
        let quiet = try #require(F.weight("quiet.never", in: changes))
        #expect(quiet.newWeight == 3 && quiet.fittedWeight == 3)
    }

    @Test func fittedWeightsLowerTheLossAndAreRoundedToHalfPoints() throws {
        let examples = [
            WeightTuner.Example(features: [0: 1, 1: 1], isPositive: true),
            WeightTuner.Example(features: [0: 1], isPositive: true),
            WeightTuner.Example(features: [1: 1], isPositive: false),
            WeightTuner.Example(features: [1: 1], isPositive: false),
            WeightTuner.Example(features: [1: 1, 2: 1], isPositive: false),
        ]
        let initial = [2.0, 3.0, -1.0]
        let constraints = initial.map(WeightTuner.Constraint.init(weight:))
        let options = WeightTuner.Options(lambda: 0.5)
        let fitted = WeightTuner.fitWeights(initial: initial, constraints: constraints, examples: examples, review: 4,
                                            options: options)
        let before = WeightTuner.loss(weights: initial, initial: initial, examples: examples, review: 4, options: options)
        let after = WeightTuner.loss(weights: fitted, initial: initial, examples: examples, review: 4, options: options)
        #expect(after < before)
        #expect(fitted[0] > 2 && fitted[1] < 3 && fitted[2] <= 0, "\(fitted)")
        #expect(WeightTuner.rounded(2.74, constraint: .nonNegative, step: 0.5) == 2.5)
        #expect(WeightTuner.rounded(2.76, constraint: .nonNegative, step: 0.5) == 3)
        #expect(WeightTuner.rounded(-0.2, constraint: .nonPositive, step: 0.5).sign == .plus, "never -0")
        #expect(WeightTuner.rounded(0.3, constraint: .nonPositive, step: 0.5) == 0)
    }

    @Test func tuneFitsOnDevOnlyAndComparesFiguresOnEverySplit() throws {
        let pack = try F.pack()
        // The test split would pull `noise.hari` up (it fires on recruitment there); dev pulls it down.
        let test = (0..<8).map { LabelledPost(id: "t\($0)", text: "hari lowongan", label: .recruitment, split: "test") }
        let report = try WeightTuner.tune(pack: pack, posts: F.posts() + test)
        #expect(report.trainingPosts == 12 && report.trainingPositives == 6)
        #expect(report.comparisons.map(\.split) == ["dev", "test"])
        let noise = try #require(F.weight("noise.hari", in: report.weights))
        #expect(noise.newWeight < 3, "\(noise)")
        let dev = try #require(report.comparisons.first)
        #expect(dev.before.posts == 12)
        #expect(dev.before.recall < 1, "four recruitment posts score 2 - 1 = 1 before tuning")
        #expect(dev.after.f1 >= dev.before.f1)
        #expect(report.changes.allSatisfy { $0.newWeight != $0.oldWeight })
        #expect(report.tunedPack.rules.first { $0.id == "noise.hari" }?.weight == noise.newWeight)
    }

    @Test func queueVerdictsJoinTheTrainingPostsAndAreComparedOnTheirOwn() throws {
        let pack = try F.pack()
        // Officers rejected four more posts on which `noise.hari` fires.
        let queue = (0..<4).map {
            LabelledPost(id: "item \($0)", text: "hari lowongan", label: .notRecruitment, split: ReviewedPost.split)
        }
        let devOnly = try WeightTuner.tune(pack: pack, posts: F.posts() + queue)
        let withQueue = try WeightTuner.tune(pack: pack, posts: F.posts() + queue, trainingSplits: ["dev", ReviewedPost.split])
        #expect(devOnly.trainingPosts == 12 && withQueue.trainingPosts == 16)
        #expect(withQueue.comparisons.map(\.split) == ["dev", ReviewedPost.split])
        let before = try #require(F.weight("noise.hari", in: devOnly.weights))
        let after = try #require(F.weight("noise.hari", in: withQueue.weights))
        #expect(after.fittedWeight < before.fittedWeight, "the rejections pull the weight further down")
    }

    @Test func tuneWithoutTrainingPostsSaysWhichSplitIsMissing() throws {
        let pack = try F.pack()
        #expect(throws: WeightTuningError.self) { try WeightTuner.tune(pack: pack, posts: F.posts(split: "test")) }
        do {
            _ = try WeightTuner.tune(pack: pack, posts: F.posts(split: "test"))
        } catch {
            #expect(error.description.contains("no `dev` post"))
        }
    }
}
