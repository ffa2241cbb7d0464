import Foundation
import Testing

/// A labelled corpus for the `rules` commands, scored with `TestPack` (review threshold 4):
/// r1 7 (flagged), r2 2, n1 6 (flagged: a false positive), n2 -2, v1 2.
enum RulesCorpus {
    static let lines = """
        {"id": "r1", "text": "Loker Kamboja gaji 15jt, gaji besar", "label": "recruitment", "kind": "fb_group", "split": "dev"}
        {"id": "r2", "text": "kerja di kamboja segera", "label": "recruitment", "kind": "wa_broadcast", "split": "test"}
        {"id": "n1", "text": "Liburan ke Phnom Penh, gaji besar", "label": "not_recruitment", "kind": "travel", "split": "dev"}
        {"id": "n2", "text": "Waspada penipuan loker di Kamboja", "label": "not_recruitment", "kind": "news", "split": "test"}
        {"id": "v1", "text": "Tolong anak saya di Kamboja", "label": "victim_lead", "kind": "plea", "split": "dev"}

        """

    @discardableResult
    static func write(in folder: TemporaryFolder) throws -> String {
        try folder.write("corpus/posts.jsonl", lines)
    }
}

@Suite(.serialized) struct RulesLintCommandTests {
    @Test func cleanPackExitsZeroWithASummary() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let run = try CLI.run(["rules", "lint", "--rules", pack])
        #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
        #expect(run.stdout.contains("warning[P205]: regex of rule `contact.wa` has no required literal"))
        #expect(run.stdout.contains("warning[P305]: rule `salary.words` has 0 match and 0 no_match example(s)"))
        #expect(run.stdout.hasSuffix("\(pack): 0 error(s), 7 warning(s)\n"), "\(run.stdout)")
    }

    @Test func brokenPackExitsTwoWithEveryProblemLocated() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let rules = TestPack.rules.replacingOccurrences(of: "    weight: -4", with: "    wieght: -4")
            .replacingOccurrences(of: "category: destination", with: "category: destinasi")
        try folder.write("pack/rules.yaml", rules)
        let run = try CLI.run(["rules", "lint", "--rules", pack])
        #expect(run.status == 2)
        #expect(run.stdout.contains("error[P101]: unknown key `wieght`"), "\(run.stdout)")
        #expect(run.stdout.contains("--> \(pack)/rules.yaml:31:5"))
        #expect(run.stdout.contains("error[P202]"))
        #expect(run.stdout.contains("error(s)"))
    }

    @Test func jsonOutputIsAnArrayOfDiagnosticsWithCorpusChecks() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let corpus = try RulesCorpus.write(in: folder)
        let run = try CLI.run(["rules", "lint", "--rules", pack, "--corpus", corpus, "--format", "json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let keys: Set<String> = ["code", "severity", "message", "file", "line", "column", "hint", "rule"]
        #expect(array.allSatisfy { Set($0.keys) == keys })
        let byCode = Dictionary(grouping: array) { $0["code"] as? String ?? "" }
        // No post has a wa.me link; kamboja (or Phnom Penh) is in all 5 posts.
        #expect(byCode["P302"]?.compactMap { $0["rule"] as? String } == ["contact.wa"])
        let often = try #require(byCode["P303"]?.first { $0["rule"] as? String == "destination.cambodia" })
        #expect(often["severity"] as? String == "warning")
        #expect(often["file"] as? String == "\(pack)/rules.yaml")
        #expect(often["line"] as? Int == 12)
        // gj expands to `gaji`, which keywords use; ln (luar negeri) is used by no rule and no post.
        #expect(byCode["P304"]?.count == 1)
        #expect((byCode["P304"]?.first?["message"] as? String)?.contains("`ln` → `luar negeri`") == true)
        #expect(byCode["P304"]?.first?["line"] as? Int == 15)
    }

    @Test func unreadableCorpusExitsTwo() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let run = try CLI.run(["rules", "lint", "--rules", pack, "--corpus", folder.path("missing.jsonl")])
        #expect(run.status == 2)
        #expect(run.stderr.contains("missing.jsonl: no such file or directory"))
    }
}
