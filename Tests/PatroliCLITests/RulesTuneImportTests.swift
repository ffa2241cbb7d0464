import Foundation
import Testing

/// A pack whose `signal.lowongan` separates recruitment from the rest and whose `noise.hari` does
/// not, with a labelled corpus (dev and test) to tune it on.
enum TuneFixture {
    static let manifest = """
        # Tuning fixture.
        name: tune-cli
        version: 1.0.0
        thresholds: {low: 2, medium: 4, high: 8, review: 4}
        categories:
          signal: recruitment wording
          noise: everyday wording
          news: reporting
        """

    static let rules = """
        # Rules whose weights the tuner may change. Comments stay.
        rules:
          - id: signal.lowongan
            description: job-offer wording
            category: signal
            weight: 2          # moderate
            keywords: ["lowongan"]

          - id: noise.hari
            description: an everyday word
            category: noise
            weight: 3
            keywords: ['hari']
          - id: news.polisi
            description: police reporting
            category: news
            weight: -1
            keywords: ["polisi"]
        """

    static func corpus() -> String {
        var lines: [String] = []
        func post(_ id: String, _ text: String, _ label: String, _ split: String) {
            lines.append(#"{"id": "\#(id)", "text": "\#(text)", "label": "\#(label)", "split": "\#(split)"}"#)
        }
        for split in ["dev", "test"] {
            for n in 0..<6 {
                post("\(split)-r\(n)", n < 2 ? "lowongan kerja hari ini" : "lowongan kerja polisi", "recruitment", split)
            }
            for n in 0..<6 {
                post("\(split)-o\(n)", "hari yang cerah \(n)", n < 4 ? "not_recruitment" : "victim_lead", split)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func write(in folder: TemporaryFolder) throws -> (pack: String, corpus: String) {
        try folder.write("pack/pack.yaml", manifest)
        try folder.write("pack/rules.yaml", rules)
        let corpus = try folder.write("corpus.jsonl", corpus())
        return (folder.path("pack"), corpus)
    }
}

/// A spreadsheet export like the analysts' bench sheet, with regexes full of quotes and backslashes.
enum ImportFixture {
    static let tsv = [
        "id\tweight\tkind\tpattern",
        "L001\t4\tliteral\tkamboja",
        "L002\t3\tliteral\ttanpa pengalaman",
        "L003\t-3\tliteral\twaspada",
        "R001\t2\tregex\t(\\+?62|0)8\\d{8,11}",
        "R002\t3\tregex\tgaji\\s*:?\\s*(rp\\.?\\s*)?\\d{1,3}\\s*(jt|juta)",
        "R003\t2\tregex\t'kerja' di \"luar\" negeri",
        "R004\t1\tregex\tit's\\s+\\\\ok #1",
    ].joined(separator: "\n") + "\n"
}

@Suite(.serialized) struct RulesTuneImportTests {
    // MARK: rules tune

    @Test func tuneShowsTheDiffAndFiguresButWritesNothingWithoutWrite() throws {
        let folder = try TemporaryFolder()
        let (pack, corpus) = try TuneFixture.write(in: folder)
        let run = try CLI.run(["rules", "tune", "--rules", pack, "--corpus", corpus])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("on 12 `dev` post(s) (6 recruitment)"), "\(run.stdout)")
        let signal = try #require(run.stdoutLines.first { $0.contains("signal.lowongan") }, "\(run.stdout)")
        #expect(signal.contains("\(pack)/rules.yaml:6"), "file:line of its `weight:`: \(signal)")
        #expect(signal.contains("2 → "))
        #expect(run.stdoutLines.contains { $0.hasPrefix("  dev ") && $0.contains("→") })
        #expect(run.stdoutLines.contains { $0.hasPrefix("  test ") })
        #expect(run.stdout.contains("Not written: run again with --write"))
        #expect(try String(contentsOfFile: pack + "/rules.yaml", encoding: .utf8) == TuneFixture.rules)
        #expect(try String(contentsOfFile: pack + "/pack.yaml", encoding: .utf8) == TuneFixture.manifest)
    }

    @Test func tuneWriteChangesOnlyTheWeightValues() throws {
        let folder = try TemporaryFolder()
        let (pack, corpus) = try TuneFixture.write(in: folder)
        let run = try CLI.run(["rules", "tune", "--rules", pack, "--corpus", corpus, "--write"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("Wrote "), "\(run.stdout)")
        let after = try String(contentsOfFile: pack + "/rules.yaml", encoding: .utf8)
        let before = TuneFixture.rules.components(separatedBy: "\n"), now = after.components(separatedBy: "\n")
        #expect(before.count == now.count)
        /// `    weight: 2          # moderate` → ("2", "          # moderate").
        func weightLine(_ line: String) -> (number: String, rest: String)? {
            guard line.hasPrefix("    weight: ") else { return nil }
            let value = line.dropFirst("    weight: ".count)
            let number = value.prefix { !$0.isWhitespace }
            return (String(number), String(value.dropFirst(number.count)))
        }
        for (old, new) in zip(before, now) where old != new {
            let oldWeight = try #require(weightLine(old), "only weight lines change: \(old) -> \(new)")
            let newWeight = try #require(weightLine(new))
            #expect(oldWeight.rest == newWeight.rest, "what follows the number stays: \(old) -> \(new)")
            #expect(Double(newWeight.number) != nil)
        }
        #expect(now[5].hasPrefix("    weight: ") && now[5].hasSuffix("# moderate"))
        #expect(now[5] != before[5], "the predictive rule's weight moved")
        #expect(try String(contentsOfFile: pack + "/pack.yaml", encoding: .utf8) == TuneFixture.manifest)

        let explain = try CLI.run(["explain", "--rules", pack, "lowongan kerja polisi"])
        #expect(explain.status == 0 || explain.status == 1, "the rewritten pack still loads: \(explain.stderr)")
    }

    @Test func tuneRejectsANegativeLambda() throws {
        let folder = try TemporaryFolder()
        let (pack, corpus) = try TuneFixture.write(in: folder)
        let run = try CLI.run(["rules", "tune", "--rules", pack, "--corpus", corpus, "--lambda=-1"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--lambda must be a number >= 0"))
    }

    @Test func tuneWithoutDevPostsExitsTwo() throws {
        let folder = try TemporaryFolder()
        let (pack, _) = try TuneFixture.write(in: folder)
        let corpus = try folder.write("test-only.jsonl", TuneFixture.corpus().replacingOccurrences(of: "\"dev\"", with: "\"test\""))
        let run = try CLI.run(["rules", "tune", "--rules", pack, "--corpus", corpus, "--write"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no `dev` post"), "\(run.stderr)")
        #expect(try String(contentsOfFile: pack + "/rules.yaml", encoding: .utf8) == TuneFixture.rules)
    }

    @Test func tuneReportsBadCorpusLinesAndExitsTwo() throws {
        let folder = try TemporaryFolder()
        let (pack, _) = try TuneFixture.write(in: folder)
        let corpus = try folder.write("bad.jsonl", TuneFixture.corpus() + "{not json\n")
        let run = try CLI.run(["rules", "tune", "--rules", pack, "--corpus", corpus])
        #expect(run.status == 2)
        #expect(run.stderr.contains("bad.jsonl:25"), "\(run.stderr)")
        #expect(run.stdout.contains("Proposed weights"), "the readable posts are still used")
    }

    // MARK: rules import

    @Test func importWritesAPackThatLoadsAndScans() throws {
        let folder = try TemporaryFolder()
        let sheet = try folder.write("rules.tsv", ImportFixture.tsv)
        let output = folder.path("imported")
        let run = try CLI.run(["rules", "import", sheet, "--output", output, "--name", "bench", "--category-default", "bench"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("Imported 7 rule(s) from \(sheet) (tsv)."), "\(run.stdout)")
        #expect(run.stdout.contains("3 `literal` row(s) became keywords"))
        #expect(run.stdout.contains("Thresholds guessed from the weights: low 4, medium 8, high 12, review 8"))
        #expect(run.stdout.contains("Check: the pack loads and compiles (7 rules, 1 warning(s))."))
        #expect(run.stderr.contains("warning[P205]: regex of rule `R001`"), "\(run.stderr)")
        #expect(run.stderr.contains("\(output)/rules.yaml:"))
        #expect(run.stderr.contains("= row: rules.tsv:5"))
        let rulesYAML = try String(contentsOfFile: output + "/rules.yaml", encoding: .utf8)
        #expect(rulesYAML.contains(#"regex: '''kerja'' di "luar" negeri'"#))
        #expect(rulesYAML.contains(#"regex: 'it''s\s+\\ok #1'"#))
        #expect(try String(contentsOfFile: output + "/pack.yaml", encoding: .utf8).contains("name: 'bench'"))

        let explain = try CLI.run(["explain", "--rules", output, "Loker Kamboja gaji 15jt tanpa pengalaman"])
        #expect(explain.status == 1, "flagged: \(explain.stdout) \(explain.stderr)")
        #expect(explain.stdout.contains("+4 L001"))
    }

    @Test func importReportsBadRowsWithFileAndLineSkipsThemAndExitsTwo() throws {
        let folder = try TemporaryFolder()
        let sheet = try folder.write("rules.tsv", ImportFixture.tsv + "B1\tbanyak\tliteral\tmyanmar\nB2\t1\tregx\tgaji\nB3\t1\tregex\t\n")
        let output = folder.path("imported")
        let run = try CLI.run(["rules", "import", sheet, "--output", output])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(sheet):9: weight `banyak` of rule `B1` is not a number; row skipped (hint: "), "\(run.stderr)")
        #expect(run.stderr.contains("\(sheet):10: unknown kind `regx` of rule `B2`; row skipped (hint: did you mean `regex`?"))
        #expect(run.stderr.contains("\(sheet):11: rule `B3` has an empty pattern; row skipped (hint: "))
        #expect(run.stdout.contains("Imported 7 rule(s)") && run.stdout.contains("3 row(s) skipped"))
        #expect(FileManager.default.fileExists(atPath: output + "/pack.yaml"), "the good rows are still imported")
    }

    @Test func importRefusesToReplaceAPackUnlessForced() throws {
        let folder = try TemporaryFolder()
        let sheet = try folder.write("rules.tsv", ImportFixture.tsv)
        try folder.write("imported/pack.yaml", "name: mine\n")
        let output = folder.path("imported")
        let refused = try CLI.run(["rules", "import", sheet, "--output", output])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("already exists"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: output + "/pack.yaml", encoding: .utf8) == "name: mine\n")
        let forced = try CLI.run(["rules", "import", sheet, "--output", output, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
    }

    @Test func importWithAMissingColumnWritesNothing() throws {
        let folder = try TemporaryFolder()
        let sheet = try folder.write("rules.csv", "id,weight,type,pattern\nA,1,literal,kamboja\n")
        let output = folder.path("imported")
        let run = try CLI.run(["rules", "import", sheet, "--output", output])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(sheet):1: missing column `kind`"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func importLiteralsAsRegexesSaysSo() throws {
        let folder = try TemporaryFolder()
        let sheet = try folder.write("rules.tsv", ImportFixture.tsv)
        let output = folder.path("imported")
        let run = try CLI.run(["rules", "import", sheet, "--output", output, "--literal-as", "regex"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("3 `literal` row(s) became escaped regexes"))
        #expect(try String(contentsOfFile: output + "/rules.yaml", encoding: .utf8).contains("regex: 'tanpa pengalaman'"))
    }
}
