import Testing
@testable import PatroliCore

@Suite struct ExampleRunnerTests {
    @Test func passingExamplesCountAndNothingFails() throws {
        let report = ExampleRunner.run(pack: try AnalysisFixture.compiledPack())
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.passed == 4)
        #expect(report.summary == "4 passed, 0 failed")
    }

    @Test func failingRuleExampleNamesRuleExampleLineAndWhatFired() throws {
        let rules = AnalysisFixture.rules.replacingOccurrences(
            of: #"no_match: ["gaji kecil"]"#, with: #"no_match: ["gaji kecil", "gaji besar di kamboja"]"#)
            .replacingOccurrences(of: #"match: ["gj 15jt di kamboja"]"#,
                                  with: "match:\n          - \"gj 15jt di kamboja\"\n          - \"kerja di kamboja\"")
        let loaded = PackLoader.load(files: [("pack.yaml", AnalysisFixture.manifest), ("rules.yaml", rules)])
        let pack = try #require(loaded.pack, "\(loaded.diagnostics)")
        let report = ExampleRunner.run(pack: try CompiledPack.compile(pack), source: pack)
        #expect(report.summary == "4 passed, 2 failed")

        let noMatch = try #require(report.failures.first)
        #expect(noMatch.kind == .noMatch)
        #expect(noMatch.ruleID == "salary.big")
        #expect(noMatch.text == "gaji besar di kamboja")
        #expect(noMatch.location == SourceLocation(file: "rules.yaml", line: 9, column: 32))
        #expect(noMatch.fired == ["salary.big", "destination.cambodia", "combo.pay_place"])
        #expect(noMatch.score == 6 && noMatch.risk == .high)

        let match = try #require(report.failures.last)
        #expect(match.kind == .match)
        #expect(match.ruleID == "combo.pay_place")
        #expect(match.location?.line == 28)
        #expect(match.fired == ["destination.cambodia"])
        #expect(match.outcome == "fired: destination.cambodia (score 2, risk low)")
        #expect(match.diagnostic.code == .exampleFailed)
        #expect(match.diagnostic.severity == .error)
        #expect(match.diagnostic.ruleID == "combo.pay_place")
        #expect(match.description.hasPrefix("rules.yaml:28:13: rule `combo.pay_place` does not fire on its match example \"kerja di kamboja\""))
    }

    @Test func packExampleWithTheWrongRiskFails() throws {
        let manifest = AnalysisFixture.manifest.replacingOccurrences(of: "risk: high", with: "risk: medium")
        let loaded = PackLoader.load(files: [("pack.yaml", manifest), ("rules.yaml", AnalysisFixture.rules)])
        let pack = try #require(loaded.pack)
        let report = ExampleRunner.run(pack: try CompiledPack.compile(pack))
        let failure = try #require(report.failures.first)
        #expect(report.failed == 1)
        #expect(failure.kind == .packRisk && failure.ruleID == nil)
        #expect(failure.expectedRisk == .medium && failure.risk == .high && failure.score == 6)
        #expect(failure.location?.file == "pack.yaml")
        #expect(failure.location?.line == 17)
        #expect(failure.message == "pack example \"loker kamboja gaji 15jt\" should be risk medium, got high")
    }

    @Test func examplesOfDisabledRulesAreSkipped() throws {
        let rules = AnalysisFixture.rules.replacingOccurrences(
            of: "    keywords: [\"gaji besar\"]", with: "    status: disabled\n    keywords: [\"gaji besar\"]")
        let loaded = PackLoader.load(files: [("pack.yaml", AnalysisFixture.manifest), ("rules.yaml", rules)])
        let pack = try #require(loaded.pack, "\(loaded.diagnostics)")
        let report = ExampleRunner.run(pack: try CompiledPack.compile(pack), source: pack)
        #expect(report.skipped == 2)
        #expect(report.summary == "2 passed, 0 failed")
    }
}
