import Testing
@testable import PatroliCore

@Suite struct PackLinterTests {
    private func lint(rules: String = AnalysisFixture.rules, manifest: String = AnalysisFixture.manifest,
                      corpus: Bool = true) throws -> (report: LintReport, pack: String) {
        let scratch = try AnalysisScratch()
        let folder = try AnalysisFixture.writePack(in: scratch, rules: rules, manifest: manifest)
        let posts = corpus ? try AnalysisFixture.posts() : nil
        return (PackLinter.lint(directory: folder, corpus: posts), folder)
    }

    @Test func cleanPackWithoutCorpusHasNoDiagnosticsButExampleCounts() throws {
        let (report, _) = try lint(corpus: false)
        // The fixture's rules carry one example of each kind: only P305 speaks.
        #expect(report.diagnostics.allSatisfy { $0.code == .tooFewExamples }, "\(report.diagnostics)")
        #expect(report.errors == 0)
    }

    @Test func ruleWithFewerThanTwoExamplesOfEachKindIsP305() throws {
        let (report, folder) = try lint(corpus: false)
        let few = report.diagnostics.filter { $0.code == .tooFewExamples }
        #expect(few.contains { $0.ruleID == "salary.big" && $0.severity == .warning })
        #expect(few.first?.location?.file == folder + "/rules.yaml")
        #expect(PackLinter.exampleCountDiagnostics(RulePack(
            manifest: PackManifest(name: "x", version: "1", thresholds: Thresholds(low: 1, medium: 2, high: 3, review: 2)),
            rules: [Rule(id: "ok", category: "c", weight: 1, matcher: .keywords(["a"]),
                         examples: RuleExamples(match: ["a", "a b"], noMatch: ["b", "c"]),
                         location: SourceLocation(file: "f", line: 1, column: 1))])).isEmpty)
    }

    @Test func failingExampleIsP301Error() throws {
        let rules = AnalysisFixture.rules.replacingOccurrences(of: #"match: ["gaji besar menanti"]"#,
                                                               with: #"match: ["gaji lumayan"]"#)
        let (report, folder) = try lint(rules: rules, corpus: false)
        let failed = report.diagnostics.filter { $0.code == .exampleFailed }
        #expect(failed.count == 1)
        #expect(failed.first?.severity == .error)
        #expect(failed.first?.ruleID == "salary.big")
        #expect(failed.first?.location?.file == folder + "/rules.yaml")
        #expect(failed.first?.location?.line == 8)
        #expect(report.hasErrors)
    }

    @Test func ruleThatNeverFiresOnTheCorpusIsP302() throws {
        let rules = AnalysisFixture.rules + """

              - id: fishing.squid_boat
                description: squid boat crew
                category: destination
                weight: 1
                keywords: ["kapal cumi"]
            """
        let (report, folder) = try lint(rules: rules)
        let never = report.diagnostics.filter { $0.code == .ruleNeverFires }
        #expect(never.map(\.ruleID) == ["fishing.squid_boat"])
        #expect(never.first?.severity == .warning)
        #expect(never.first?.location == SourceLocation(file: folder + "/rules.yaml", line: 37, column: 9))
        #expect(never.first?.message == "rule `fishing.squid_boat` fires on none of the 8 corpus posts")
        #expect(!report.hasErrors)
    }

    @Test func ruleFiringOnMoreThanThirtyPercentIsP303() throws {
        let (report, _) = try lint()
        // On the 8 posts: kamboja 6, combination 5, salary.amount 5, victim.plea 2 (25%), salary.big 2.
        let often = report.diagnostics.filter { $0.code == .ruleFiresTooOften }
        #expect(Set(often.compactMap(\.ruleID)) == ["salary.amount", "destination.cambodia", "combo.pay_place"])
        let kamboja = try #require(often.first { $0.ruleID == "destination.cambodia" })
        #expect(kamboja.message == "rule `destination.cambodia` fires on 6 of 8 corpus posts (75.0%, more than 30%)")
        #expect(kamboja.severity == .warning)
    }

    @Test func lexiconEntryUsedByNoRuleAndNoPostIsP304() throws {
        let (report, folder) = try lint()
        let unused = report.diagnostics.filter { $0.code == .lexiconEntryUnused }
        // gj: its expansion `gaji` is in a keyword; yg: a post writes it; dgn: nothing uses it.
        #expect(unused.count == 1)
        #expect(unused.first?.message.contains("`dgn` → `dengan`") == true)
        #expect(unused.first?.location == SourceLocation(file: folder + "/pack.yaml", line: 15, column: 3))
        #expect(unused.first?.severity == .warning)
    }

    @Test func lexiconChecksNeedACorpus() throws {
        let (report, _) = try lint(corpus: false)
        #expect(!report.diagnostics.contains { [.ruleNeverFires, .ruleFiresTooOften, .lexiconEntryUnused].contains($0.code) })
    }

    @Test func loaderAndCompilerProblemsAreReportedWithPlaces() throws {
        let rules = AnalysisFixture.rules
            .replacingOccurrences(of: "    weight: -4", with: "    wieght: -4")
            .replacingOccurrences(of: #"regex: 'gaji\s*\d{2}\s*(?:jt|juta)'"#, with: #"regex: '(?:x|y)+\d'"#)
        let (report, folder) = try lint(rules: rules)
        let unknownKey = try #require(report.diagnostics.first { $0.code == .unknownKey })
        #expect(unknownKey.location?.file == folder + "/rules.yaml")
        #expect(unknownKey.location?.line == 30)
        #expect(unknownKey.hint?.contains("weight") == true)
        #expect(report.hasErrors)
    }

    @Test func regexErrorsAndRegexesWithoutLiteralAreReported() throws {
        let broken = AnalysisFixture.rules.replacingOccurrences(of: #"regex: 'gaji\s*\d{2}\s*(?:jt|juta)'"#,
                                                                with: #"regex: 'gaji\s*(\d{2}'"#)
        let (brokenReport, _) = try lint(rules: broken)
        #expect(brokenReport.diagnostics.contains { $0.code == .regexError && $0.ruleID == "salary.amount" })
        #expect(brokenReport.hasErrors)

        let ungated = AnalysisFixture.rules.replacingOccurrences(of: #"regex: 'gaji\s*\d{2}\s*(?:jt|juta)'"#,
                                                                 with: #"regex: '\d{2}\s*(?:jt|juta)'"#)
        let (ungatedReport, _) = try lint(rules: ungated, corpus: false)
        #expect(ungatedReport.diagnostics.map(\.code).filter { $0 != .tooFewExamples } == [.regexWithoutLiteral])
        #expect(!ungatedReport.hasErrors)
    }

    @Test func diagnosticsRenderAsAJSONArray() throws {
        let diagnostic = Diagnostic(.ruleNeverFires, "rule `a` fires on none", at: SourceLocation(file: "r.yaml", line: 3, column: 5),
                                    hint: "say \"why\"", rule: "a")
        let json = Diagnostic.jsonArray([diagnostic, Diagnostic(.emptyPack, "no rules", at: nil)])
        #expect(json == """
            [
            {"code":"P302","severity":"warning","message":"rule `a` fires on none","file":"r.yaml","line":3,"column":5,"hint":"say \\"why\\"","rule":"a"},
            {"code":"P109","severity":"error","message":"no rules","file":null,"line":null,"column":null,"hint":null,"rule":null}
            ]

            """)
        #expect(Diagnostic.jsonArray([]) == "[]\n")
    }

    @Test func phrasesMatchOnlyWholeWords() {
        #expect(PackLinter.containsPhrase(Array("kerja yg baik".utf8), Array("yg".utf8)))
        #expect(!PackLinter.containsPhrase(Array("kerja ygx".utf8), Array("yg".utf8)))
        #expect(!PackLinter.containsPhrase(Array("15jt".utf8), Array("jt".utf8)))
        #expect(PackLinter.containsPhrase(Array("tnp pglmn!".utf8), Array("tnp pglmn".utf8)))
    }
}
