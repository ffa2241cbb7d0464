import Testing
@testable import PatroliCore

/// Expected numbers are worked out by hand from `AnalysisFixture`:
///
/// | post | label | score | why |
/// |---|---|---|---|
/// | p1 | recruitment | 6 | amount 2 + kamboja 2 + combo 2 |
/// | p2 | recruitment | 6 | big 2 + kamboja 2 + combo 2 |
/// | p3 | recruitment | 2 | amount 2 |
/// | p4 | not (news) | 2 | amount 2 + kamboja 2 + combo 2 - waspada 4 |
/// | p5 | not (travel) | 7 | big 2 + amount 1 (salary cap 3) + kamboja 2 + combo 2 |
/// | p6 | victim_lead | 3 | kamboja 2 + plea 1 |
/// | p7 | victim_lead | 7 | amount 2 + kamboja 2 + combo 2 + plea 1 |
/// | p8 | not (domestic) | 0 | |
///
/// At the review threshold 4: flagged p1 p2 p5 p7, so TP 2, FP 2, FN 1 (p3), TN 3.
@Suite struct EvaluatorTests {
    private func report(threshold: Double? = nil) throws -> EvaluationReport {
        Evaluator.evaluate(pack: try AnalysisFixture.compiledPack(), posts: try AnalysisFixture.posts(), threshold: threshold)
    }

    @Test func scoresArePerPostAsWorkedOutByHand() throws {
        let report = try report()
        let scores = Dictionary(uniqueKeysWithValues: report.outcomes.map { ($0.post.id, $0.score) })
        #expect(scores == ["p1": 6, "p2": 6, "p3": 2, "p4": 2, "p5": 7, "p6": 3, "p7": 7, "p8": 0])
    }

    @Test func confusionMatrixAndMetricsAtTheReviewThreshold() throws {
        let report = try report()
        #expect(report.threshold == 4 && report.reviewThreshold == 4)
        #expect(report.matrix == ConfusionMatrix(truePositives: 2, falsePositives: 2, falseNegatives: 1, trueNegatives: 3))
        #expect(report.matrix.precision == 0.5)
        #expect(abs(report.matrix.recall - 2.0 / 3.0) < 1e-12)
        #expect(abs(report.matrix.f1 - 4.0 / 7.0) < 1e-12)
        #expect(report.falsePositives.map(\.post.id) == ["p5", "p7"])
        #expect(report.falseNegatives.map(\.post.id) == ["p3"])
    }

    @Test func thresholdOverrideChangesWhatIsFlagged() throws {
        let report = try report(threshold: 2)
        #expect(report.threshold == 2)
        #expect(report.matrix == ConfusionMatrix(truePositives: 3, falsePositives: 4, falseNegatives: 0, trueNegatives: 1))
        #expect(abs(report.matrix.f1 - 0.6) < 1e-12)
    }

    @Test func labelsKindsAndVictimLeadsAreCountedSeparately() throws {
        let report = try report()
        #expect(report.byLabel[.recruitment] == Tally(posts: 3, flagged: 2))
        #expect(report.byLabel[.notRecruitment] == Tally(posts: 3, flagged: 1))
        #expect(report.byLabel[.victimLead] == Tally(posts: 2, flagged: 1))
        #expect(report.victimLeads == VictimLeadSummary(posts: 2, flagged: 1, withVictimRule: 2))
        #expect(report.byKind.map(\.kind) == ["domestic_ad", "fb_group", "news", "plea", "travel", "wa_broadcast"])
        let news = try #require(report.byKind.first { $0.kind == "news" })
        #expect(news.total == Tally(posts: 1, flagged: 0))
        let plea = try #require(report.byKind.first { $0.kind == "plea" })
        #expect(plea.byLabel == [.victimLead: Tally(posts: 2, flagged: 1)])
    }

    @Test func perRuleHitsPrecisionAndRecallLost() throws {
        let rules = Dictionary(uniqueKeysWithValues: try report().rules.map { ($0.ruleID, $0) })
        let amount = try #require(rules["salary.amount"])
        #expect(amount.postsHit == 5 && amount.truePositives == 2 && amount.falsePositives == 3)
        #expect(amount.precision == 0.4)
        #expect(amount.hitsByLabel == [.recruitment: 2, .notRecruitment: 2, .victimLead: 1])
        // p1 loses salary and the combination (6 -> 2); p7 drops from 7 to 3; p5 keeps salary.big.
        #expect(amount.recallLost == 1 && amount.falsePositivesRemoved == 1)
        let kamboja = try #require(rules["destination.cambodia"])
        #expect(kamboja.postsHit == 6 && kamboja.recallLost == 2 && kamboja.falsePositivesRemoved == 2)
        let combo = try #require(rules["combo.pay_place"])
        #expect(combo.postsHit == 5 && combo.recallLost == 0, "p1 and p2 keep 4 points without it")
        let news = try #require(rules["news.warning"])
        #expect(news.postsHit == 1 && news.precision == 0)
        #expect(try report().rules.map(\.ruleID) == ["salary.big", "salary.amount", "destination.cambodia",
                                                    "combo.pay_place", "news.warning", "victim.plea"])
    }

    @Test func rulesThatHitNothingHaveNoPrecision() throws {
        let posts = try AnalysisFixture.posts().filter { $0.id == "p8" }
        let report = Evaluator.evaluate(pack: try AnalysisFixture.compiledPack(), posts: posts)
        #expect(report.rules.allSatisfy { $0.precision == nil && $0.postsHit == 0 })
        #expect(report.matrix.precision == 0 && report.matrix.recall == 0 && report.matrix.f1 == 0)
    }

    @Test func sweepHasAPointPerDistinctScoreAndTheThreshold() throws {
        let report = try report()
        #expect(report.sweep.map(\.threshold) == [0, 2, 3, 4, 6, 7])
        let matrices = Dictionary(uniqueKeysWithValues: report.sweep.map { ($0.threshold, $0.matrix) })
        #expect(matrices[7] == ConfusionMatrix(truePositives: 0, falsePositives: 2, falseNegatives: 3, trueNegatives: 3))
        #expect(matrices[6] == report.matrix)
        #expect(matrices[3] == ConfusionMatrix(truePositives: 2, falsePositives: 3, falseNegatives: 1, trueNegatives: 2))
        #expect(matrices[0] == ConfusionMatrix(truePositives: 3, falsePositives: 5, falseNegatives: 0, trueNegatives: 0))
        #expect(report.bestF1?.threshold == 2)
    }

    @Test func categoryHitsAreSplitByLabel() throws {
        let categories = Dictionary(uniqueKeysWithValues: try report().categories.map { ($0.category, $0) })
        #expect(categories.keys.sorted() == ["combination", "destination", "news", "salary", "victim_lead"])
        #expect(categories["salary"]?.posts == 6)
        #expect(categories["salary"]?.byLabel == [.recruitment: 3, .notRecruitment: 2, .victimLead: 1])
        #expect(categories["victim_lead"]?.byLabel == [.victimLead: 2])
    }

    @Test func rescoringWithoutARuleReappliesCapsAndCombinations() throws {
        let pack = try AnalysisFixture.compiledPack()
        let scanner = Scanner(pack: pack)
        let rescorer = PackRescorer(pack: pack)
        let travel = scanner.scan("wisata kamboja, gaji besar gaji 15jt")
        #expect(travel.score == 7)
        #expect(rescorer.score(travel.contributions, removing: []) == 7)
        // Without salary.big, salary.amount gets its full 2 points under the cap of 3: 6, not 5.
        #expect(rescorer.score(travel.contributions, removing: ["salary.big"]) == 6)
        // Without the destination, the combination no longer holds: 3.
        #expect(rescorer.score(travel.contributions, removing: ["destination.cambodia"]) == 3)
        for post in try AnalysisFixture.posts() {
            let result = scanner.scan(post.text)
            #expect(rescorer.score(result.contributions, removing: []) == result.score, "\(post.id)")
        }
    }
}
