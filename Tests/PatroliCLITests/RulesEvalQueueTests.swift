import Foundation
import PatroliQueue
import Testing

/// `rules eval --queue` and `rules tune --queue` on officers' verdicts in a SQLite queue
/// (`FeedbackQueue`); the same evaluation on PostgreSQL is in `PostgresCLITests`.
@Suite(.serialized) struct RulesEvalQueueTests {
    @Test func textReportCountsEachItemOnceAndShowsPrecisionPerRule() async throws {
        let folder = try TemporaryFolder()
        let queue = folder.path("queue.db")
        let pack = try await FeedbackQueue.make(queue: queue, in: folder)
        let run = try CLI.run(["rules", "eval", "--rules", pack, "--queue", queue])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("7 labelled items, flagged at score >= 4"), "\(run.stdout)")
        #expect(run.stdout.contains("3 recruitment, 3 not-relevant, 1 victim-lead"))
        #expect(run.stdout.contains("excluded: 1 unsure, 1 undecided"))
        #expect(run.stdout.contains("2 of the labelled items were decided by a whole-cluster decision"))
        #expect(run.stdout.contains("Precision of what reached the queue (recruitment verdicts among labelled items): 0.429 (3 of 7)"))
        #expect(run.stdout.contains("Recall: not reported"))
        #expect(!run.stdout.contains("recall 0"), "no recall figure is printed")
        let salaryWords = try #require(run.stdoutLines.first { $0.hasPrefix("  salary.words ") })
        #expect(salaryWords.split(separator: " ") == ["salary.words", "2", "4", "1", "3", "0", "0.250"], "\(salaryWords)")
        #expect(run.stdout.contains("victim.plea"), "lead rules are listed")
        #expect(run.stdout.contains("hits 1  leads 1  lead precision 1.000"))
        #expect(run.stdout.contains("Rejected by officers (3)"))
        #expect(run.stdout.contains("toko baju, bukan lowongan kerja"), "the officer's note explains the rejection")
        #expect(run.stdout.contains("for its whole cluster"))
        #expect(run.stdout.contains("+2 salary.words"), "the rules that fire on a rejected item are listed")
    }

    @Test func jsonReportRescoresStoredTextsWithTheCurrentPack() async throws {
        let folder = try TemporaryFolder()
        let queue = folder.path("queue.db")
        let pack = try await FeedbackQueue.make(queue: queue, in: folder)
        let report = try FeedbackQueue.evaluateJSON(queue: queue, pack: pack)
        let labels = try #require(report["labels"] as? [String: Any])
        #expect(labels["labelled"] as? Int == FeedbackQueue.labelled)
        #expect(labels["not_relevant"] as? Int == 3)
        #expect(labels["by_cluster_decision"] as? Int == 2)
        #expect((labels["excluded"] as? [String: Any])?["unsure"] as? Int == 1)
        #expect(report["recall"] is NSNull)
        let salaryWords = try FeedbackQueue.rule("salary.words", in: report)
        #expect(salaryWords["posts_hit"] as? Int == 4)
        #expect(salaryWords["rejected"] as? Int == 3)
        #expect(salaryWords["precision"] as? Double == 0.25)
        let plea = try FeedbackQueue.rule("victim.plea", in: report)
        #expect(plea["lead_rule"] as? Bool == true && plea["lead_precision"] as? Int == 1)
        #expect((report["rejected"] as? [[String: Any]])?.count == 3)

        // The pack without `salary.words`: the stored texts are scanned again, not the stored scores reused.
        let tuned = try FeedbackQueue.writePack(in: folder, name: "tuned", dropSalaryWords: true)
        let rescored = try #require(try FeedbackQueue.evaluateJSON(queue: queue, pack: tuned)["rescored"] as? [String: Any])
        #expect(rescored["flagged"] as? Int == 3, "r1, r2 and v1 still flagged: \(rescored)")
        #expect(rescored["true_positives"] as? Int == 2)
        #expect(rescored["recruitment_no_longer_flagged"] as? Int == 1, "r3 needed salary.words")
        #expect(rescored["other_no_longer_flagged"] as? Int == 3, "n1, n2 and n3 drop below the threshold")
    }

    @Test func htmlReportIsOneSelfContainedPage() async throws {
        let folder = try TemporaryFolder()
        let queue = folder.path("queue.db")
        let pack = try await FeedbackQueue.make(queue: queue, in: folder)
        // A second opinion on n3, same verdict, with a note that must stay text.
        try await FeedbackQueue.withStore(queue) { store in
            let n3 = try #require(try await store.export(ReviewFilter()).first { $0.item.source.postID == "n3" })
            _ = try await store.decide(itemID: n3.item.id, verdict: .notRelevant, reviewer: "dewi",
                                       note: "<script>alert(1)</script><img src=x onerror=alert(1)>", wholeCluster: false,
                                       now: Date().addingTimeInterval(3600))
        }
        let output = folder.path("feedback.html")
        let run = try CLI.run(["rules", "eval", "--rules", pack, "--queue", queue, "--format", "html", "--output", output])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("default-src 'none'"))
        #expect(html.contains("<td><code>salary.words</code></td><td>salary</td><td>2</td><td>4</td><td>1</td><td>3</td><td>0</td><td>0.250</td>"))
        #expect(html.contains("Rejected by officers (3)"), "a second decision on an item does not count it twice")
        #expect(html.contains("decided by dewi: “&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;”"))
        #expect(!html.contains("<script") && !html.contains("<img"))
    }

    @Test func aQueueWithoutDecisionsSaysSoAndAnUnreadableQueueExitsTwo() throws {
        let folder = try TemporaryFolder()
        let pack = try FeedbackQueue.writePack(in: folder)
        let empty = try CLI.run(["rules", "eval", "--rules", pack, "--queue", folder.path("empty.db")])
        #expect(empty.status == 0)
        #expect(empty.stderr.contains("no item decided recruitment, not-relevant or victim-lead yet"), "\(empty.stderr)")
        let broken = try folder.write("broken.db", "not a database")
        let unreadable = try CLI.run(["rules", "eval", "--rules", pack, "--queue", broken])
        #expect(unreadable.status == 2)
        #expect(unreadable.stderr.contains("cannot open the review queue"), "\(unreadable.stderr)")
        let both = try CLI.run(["rules", "eval", "--rules", pack, "--queue", broken, "--corpus", "corpus"])
        #expect(both.status == 64 && both.stderr.contains("pass one of them"))
    }

    @Test func tuneOnTheQueueLowersTheWeightOfARuleOfficersKeepRejecting() async throws {
        let folder = try TemporaryFolder()
        let queue = folder.path("queue.db")
        let pack = try await FeedbackQueue.make(queue: queue, in: folder)
        let run = try CLI.run(["rules", "tune", "--rules", pack, "--queue", queue, "--lambda", "0.1"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("on \(FeedbackQueue.labelled) `queue` post(s) (3 recruitment)"), "\(run.stdout)")
        let line = try #require(run.stdoutLines.first { $0.contains(" salary.words ") }, "\(run.stdout)")
        let weights = try #require(line.firstMatch(of: /(\d+(?:\.\d+)?) → (\d+(?:\.\d+)?)/))
        #expect(Double(weights.1) == 2)
        #expect(try #require(Double(weights.2)) < 2, "officers rejected 3 of its 4 hits: \(line)")
        #expect(run.stdout.contains("recall is not measurable there"))

        // With a corpus too: both are fitted, and the diff shows dev, test and the queue.
        let corpus = try RulesCorpus.write(in: folder)
        let both = try CLI.run(["rules", "tune", "--rules", pack, "--queue", queue, "--corpus", corpus])
        #expect(both.status == 0, "stderr: \(both.stderr)")
        #expect(both.stdout.contains("`dev` + `queue` post(s)"), "\(both.stdout)")
        #expect(both.stdoutLines.contains { $0.hasPrefix("  queue ") } && both.stdoutLines.contains { $0.hasPrefix("  test ") })
    }
}
