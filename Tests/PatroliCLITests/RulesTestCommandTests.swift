import Foundation
import Testing

@Suite(.serialized) struct RulesTestCommandTests {
    static let rulesWithExamples = """
        rules:
          - id: destination.cambodia
            description: Cambodia
            category: destination
            weight: 2
            keywords: ["kamboja"]
            examples:
              match: ["kerja di K4mboja"]
              no_match: ["kerja di Thailand"]
          - id: salary.words
            description: pay words
            category: salary
            weight: 2
            keywords: ["gaji besar"]
            examples:
              match:
                - "gaji besar"
                - "gaji tinggi sekali"
        """

    private func writePack(_ folder: TemporaryFolder, rules: String = RulesTestCommandTests.rulesWithExamples,
                           examples: String = "") throws -> String {
        try folder.write("pack/pack.yaml", TestPack.manifest + examples)
        try folder.write("pack/rules.yaml", rules)
        return folder.path("pack")
    }

    @Test func allExamplesPassingExitsZero() throws {
        let folder = try TemporaryFolder()
        let rules = Self.rulesWithExamples.replacingOccurrences(of: "\n        - \"gaji tinggi sekali\"", with: "")
        let pack = try writePack(folder, rules: rules, examples: "\nexamples:\n  - text: \"gaji besar di kamboja\"\n    risk: medium\n")
        let run = try CLI.run(["rules", "test", "--rules", pack])
        #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
        #expect(run.stdout == "4 passed, 0 failed\n")
    }

    @Test func failingExampleIsReportedWithRuleLocationAndWhatFired() throws {
        let folder = try TemporaryFolder()
        let pack = try writePack(folder, examples: "\nexamples:\n  - text: \"kerja di kamboja\"\n    risk: high\n")
        let run = try CLI.run(["rules", "test", "--rules", pack])
        #expect(run.status == 1)
        #expect(run.stdout.contains("""
            FAIL salary.words: match example did not fire
              --> \(pack)/rules.yaml:18:11
              example: gaji tinggi sekali
              fired: no rule (score 0, risk none)
            """), "\(run.stdout)")
        #expect(run.stdout.contains("""
            FAIL pack example: expected risk high, got low
              --> \(pack)/pack.yaml:17:5
              example: kerja di kamboja
              fired: destination.cambodia (score 2, risk low)
            """), "\(run.stdout)")
        #expect(run.stdout.hasSuffix("3 passed, 2 failed\n"))
    }

    @Test func packWithErrorsExitsTwo() throws {
        let folder = try TemporaryFolder()
        let pack = try writePack(folder, rules: Self.rulesWithExamples.replacingOccurrences(of: "weight: 2", with: "weight: two"))
        let run = try CLI.run(["rules", "test", "--rules", pack])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error[P102]"))
    }

    @Test func shippedPackExamplesPass() throws {
        let run = try CLI.run(["rules", "test", "--rules", "rules"])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.hasSuffix(" 0 failed\n"))
    }
}
