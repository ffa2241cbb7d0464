import Foundation
import Testing

@Suite(.serialized) struct RulesEvalCommandTests {
    @Test func textReportShowsMetricsAndMisses() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let corpus = try RulesCorpus.write(in: folder)
        let run = try CLI.run(["rules", "eval", "--rules", pack, "--corpus", corpus])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("5 posts, flagged at score >= 4"))
        #expect(run.stdout.contains("precision 0.500   recall 0.500   F1 0.500"), "\(run.stdout)")
        #expect(run.stdout.contains("  news: 0 of 1 flagged"))
        #expect(run.stdout.contains("False positives (1)\n  n1  score 6"))
        #expect(run.stdout.contains("False negatives (1)\n  r2  score 2"))
    }

    @Test func jsonReportParsesWithSplitAndThreshold() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        try RulesCorpus.write(in: folder)
        let run = try CLI.run(["rules", "eval", "--rules", pack, "--corpus", folder.path("corpus"),
                               "--split", "dev", "--threshold", "7", "--format", "json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["posts"] as? Int == 3)
        #expect(object["split"] as? String == "dev")
        #expect(object["threshold"] as? Int == 7)
        let metrics = try #require(object["metrics"] as? [String: Any])
        #expect(metrics["true_positives"] as? Int == 1)
        #expect(metrics["false_positives"] as? Int == 0)
        #expect(metrics["recall"] as? Int == 1)
    }

    @Test func htmlReportGoesToTheOutputFileEscaped() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let corpus = try folder.write("hostile.jsonl", #"""
            {"id": "h1", "text": "gaji besar di kamboja <script>alert(1)</script> \"><img src=x onerror=alert(1)>", "label": "not_recruitment", "kind": "news"}
            {"id": "h2", "text": "biasa saja", "label": "recruitment"}

            """#)
        let output = folder.path("report.html")
        let run = try CLI.run(["rules", "eval", "--rules", pack, "--corpus", corpus, "--format", "html", "--output", output])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.isEmpty)
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!html.contains("<script") && !html.contains("<img"))
    }

    @Test func badCorpusLinesAreReportedAndSkipped() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let corpus = try folder.write("c.jsonl", RulesCorpus.lines + "{\"id\": \"x\", \"text\": \"t\", \"label\": \"spam\"}\n")
        let run = try CLI.run(["rules", "eval", "--rules", pack, "--corpus", corpus])
        #expect(run.status == 0)
        #expect(run.stderr.contains("c.jsonl:6: post `x` has unknown label `spam`; skipped it"), "\(run.stderr)")
        #expect(run.stdout.contains("5 posts"))
    }

    @Test func unknownSplitIsAUsageError() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let corpus = try RulesCorpus.write(in: folder)
        let run = try CLI.run(["rules", "eval", "--rules", pack, "--corpus", corpus, "--split", "train"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--split"))
    }

    @Test func missingCorpusExitsTwo() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let run = try CLI.run(["rules", "eval", "--rules", pack, "--corpus", folder.path("nope")])
        #expect(run.status == 2)
    }
}
