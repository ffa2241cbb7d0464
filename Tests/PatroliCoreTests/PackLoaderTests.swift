import Foundation
import Testing
@testable import PatroliCore

/// Small packs shared by the loader and validator tests.
enum PackFixture {
    static let manifest = """
        name: test-pack
        version: 0.1.0
        thresholds: {low: 3, medium: 6, high: 10, review: 6}
        categories:
          salary: Salary lure
          destination: Destination or route
          combo: Combinations of indicators
        """

    /// A pack of the fixture manifest and one rule file, `rules/test.yaml`.
    static func load(rules: String, manifest: String = PackFixture.manifest) -> PackLoadResult {
        PackLoader.load(files: [("pack.yaml", manifest), ("rules/test.yaml", rules)])
    }

    static func at(_ file: String, _ line: Int, _ column: Int) -> PatroliCore.SourceLocation {
        PatroliCore.SourceLocation(file: file, line: line, column: column)
    }

    static func rules(_ line: Int, _ column: Int) -> PatroliCore.SourceLocation { at("rules/test.yaml", line, column) }
    static func manifestAt(_ line: Int, _ column: Int) -> PatroliCore.SourceLocation { at("pack.yaml", line, column) }
}

extension PackLoadResult {
    func diagnostics(_ code: DiagnosticCode) -> [Diagnostic] { diagnostics.filter { $0.code == code } }
    var codes: [DiagnosticCode] { diagnostics.map(\.code) }
}

@Suite struct PackLoaderTests {
    typealias F = PackFixture

    // MARK: A valid pack

    static let fullManifest = """
        name: patroli-tppo
        version: 0.1.0
        description: Indonesian TPPO recruitment indicators
        thresholds:
          low: 3
          medium: 6.5
          high: 10
          review: 6
        categories:
          salary: Salary lure
          destination: Destination or route
          combo: Combinations
        caps:
          salary: 4
        lexicon:
          gj: gaji
          tnp pglmn: tanpa pengalaman
        examples:
          - text: "Loker Kamboja gaji 15jt"
            risk: high
        """

    static let salaryRules = #"""
        rules:
          - id: salary.high
            description: High salary
            category: salary
            weight: 3
            status: testing
            author: analyst-1
            references: ["DOMAIN.md: salary lure"]
            max_count: 2
            keywords: ["gaji besar", "gaji tinggi"]
            near: {category: destination, words: 10}
            examples:
              match: ["gaji besar di kamboja"]
              no_match: ["gaji UMR"]
          - id: salary.amount
            description: Amount
            category: salary
            weight: 2.5
            regex: 'gaji\s*\d+'
            target: raw
            literals: ["gaji"]
        """#

    static let comboRules = """
        rules:
          - id: dest.route
            description: Route
            category: destination
            weight: -1
            regex: |
              kamboja|myanmar
          - id: combo.lure
            description: Salary lure with destination
            category: combo
            weight: 4
            all: [salary.high, "category:destination"]
            any: [salary.amount]
            not: [dest.route]
            at_least: {count: 1, of: [salary.high, salary.amount]}
        """

    static func fullPack() -> PackLoadResult {
        PackLoader.load(files: [("pack.yaml", fullManifest), ("rules/salary.yaml", salaryRules),
                                ("rules/combo.yaml", comboRules)])
    }

    @Test func validPackLoadsWithoutDiagnostics() throws {
        let result = Self.fullPack()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(!result.hasErrors)
        let pack = try #require(result.pack)
        // Rule files are read in path order: combo.yaml before salary.yaml.
        #expect(pack.rules.map(\.id) == ["dest.route", "combo.lure", "salary.high", "salary.amount"])
    }

    @Test func manifestRoundTripsIntoTheModel() throws {
        let manifest = try #require(Self.fullPack().pack).manifest
        #expect(manifest.name == "patroli-tppo")
        #expect(manifest.version == "0.1.0")
        #expect(manifest.description == "Indonesian TPPO recruitment indicators")
        #expect(manifest.thresholds == Thresholds(low: 3, medium: 6.5, high: 10, review: 6))
        #expect(manifest.categories == ["salary": "Salary lure", "destination": "Destination or route",
                                        "combo": "Combinations"])
        #expect(manifest.caps == ["salary": 4])
        #expect(manifest.lexicon == [
            LexiconEntry(from: "gj", to: "gaji", location: F.manifestAt(16, 3)),
            LexiconEntry(from: "tnp pglmn", to: "tanpa pengalaman", location: F.manifestAt(17, 3)),
        ])
        #expect(manifest.examples == [PackExample(text: "Loker Kamboja gaji 15jt", risk: .high,
                                                  location: F.manifestAt(19, 5))])
        #expect(manifest.location == F.manifestAt(1, 1))
    }

    @Test func keywordRuleRoundTripsWithNearAndExamples() throws {
        let pack = try #require(Self.fullPack().pack)
        let rule = try #require(pack.rules.first { $0.id == "salary.high" })
        let file = "rules/salary.yaml"
        #expect(rule.description == "High salary")
        #expect(rule.category == "salary")
        #expect(rule.weight == 3)
        #expect(rule.status == .testing)
        #expect(rule.author == "analyst-1")
        #expect(rule.references == ["DOMAIN.md: salary lure"])
        #expect(rule.maxCount == 2)
        #expect(rule.matcher == .keywords(["gaji besar", "gaji tinggi"]))
        #expect(rule.near == NearCondition(reference: LocatedReference(.category("destination"), at: F.at(file, 11, 22)),
                                           words: 10))
        #expect(rule.examples == RuleExamples(match: ["gaji besar di kamboja"], noMatch: ["gaji UMR"],
                                              location: F.at(file, 13, 7), matchLocations: [F.at(file, 13, 15)],
                                              noMatchLocations: [F.at(file, 14, 18)]))
        #expect(rule.location == F.at(file, 2, 9))
        #expect(rule.patternLocation == nil)
    }

    @Test func regexRuleKeepsTargetLiteralsAndPatternLocationInsideQuotes() throws {
        let pack = try #require(Self.fullPack().pack)
        let rule = try #require(pack.rules.first { $0.id == "salary.amount" })
        #expect(rule.weight == 2.5)
        #expect(rule.status == .stable)
        #expect(rule.maxCount == 1)
        #expect(rule.matcher == .regex(pattern: #"gaji\s*\d+"#, target: .raw, literals: ["gaji"]))
        // `    regex: 'gaji…'`: the quote is column 12, the pattern starts at 13.
        #expect(rule.patternLocation == F.at("rules/salary.yaml", 19, 13))
    }

    @Test func blockScalarRegexPointsAtItsFirstContentLine() throws {
        let pack = try #require(Self.fullPack().pack)
        let rule = try #require(pack.rules.first { $0.id == "dest.route" })
        #expect(rule.weight == -1)
        #expect(rule.matcher == .regex(pattern: "kamboja|myanmar\n", target: .normalized, literals: nil))
        #expect(rule.patternLocation == F.at("rules/combo.yaml", 7, 7))
    }

    @Test func combinationRuleRoundTripsAllAnyNotAndAtLeast() throws {
        let pack = try #require(Self.fullPack().pack)
        let rule = try #require(pack.rules.first { $0.id == "combo.lure" })
        let file = "rules/combo.yaml"
        guard case .combination(let combination) = rule.matcher else {
            Issue.record("expected a combination, got \(rule.matcher)")
            return
        }
        #expect(combination.all == [LocatedReference(.rule("salary.high"), at: F.at(file, 12, 11)),
                                    LocatedReference(.category("destination"), at: F.at(file, 12, 24))])
        #expect(combination.any == [LocatedReference(.rule("salary.amount"), at: F.at(file, 13, 11))])
        #expect(combination.not == [LocatedReference(.rule("dest.route"), at: F.at(file, 14, 11))])
        #expect(combination.atLeastCount == 1)
        #expect(combination.atLeastOf == [LocatedReference(.rule("salary.high"), at: F.at(file, 15, 31)),
                                          LocatedReference(.rule("salary.amount"), at: F.at(file, 15, 44))])
        #expect(rule.location == F.at(file, 8, 9))
    }

    @Test func disabledRulesAreStillLoaded() throws {
        let result = F.load(rules: """
            rules:
              - {id: a, description: A, category: salary, weight: 1, status: disabled, keywords: [gaji]}
            """)
        let pack = try #require(result.pack)
        #expect(pack.rules.first?.status == .disabled)
    }

    @Test func reviewDefaultsToMediumAndNumbersMayBeIntsOrFloats() throws {
        let result = F.load(rules: "rules: [{id: a, description: A, category: salary, weight: 0.5, keywords: [x]}]",
                            manifest: """
            name: p
            version: 1.0
            thresholds: {low: 1.5, medium: 4, high: 8}
            categories: {salary: Salary}
            """)
        let pack = try #require(result.pack, "\(result.diagnostics)")
        #expect(pack.manifest.thresholds == Thresholds(low: 1.5, medium: 4, high: 8, review: 4))
        #expect(pack.manifest.version == "1.0")
        #expect(pack.rules.first?.weight == 0.5)
    }

    // MARK: One test per structural diagnostic

    @Test func yamlSyntaxErrorIsP100AtTheReportedPlace() throws {
        let result = F.load(rules: """
            rules:
              - id: a: b
            """)
        let diagnostic = try #require(result.diagnostics(.yamlSyntax).first)
        #expect(diagnostic.location == F.rules(2, 10))
        #expect(diagnostic.message.contains("mapping values are not allowed"))
        #expect(result.pack == nil)
        #expect(result.diagnostics(.emptyPack).isEmpty, "an unreadable rule file is not an empty pack")
    }

    @Test func duplicateKeyIsP100AtTheSecondKey() throws {
        let result = F.load(rules: """
            rules:
              - id: a
                description: A
                category: salary
                weight: 1
                weight: 2
                keywords: [x]
            """)
        let diagnostic = try #require(result.diagnostics(.yamlSyntax).first)
        #expect(diagnostic.location == F.rules(6, 5))
        #expect(diagnostic.hint?.contains("rules/test.yaml:5:5") == true)
    }

    @Test func unknownKeysAtEveryLevelAreP101WithDidYouMean() {
        let result = F.load(rules: """
            rules:
              - id: a
                description: A
                category: salary
                wieght: 1
                weight: 1
                keywords: [gaji]
                near: {category: salary, word: 3, words: 3}
                examples: {match: [gaji], nomatch: [x]}
              - id: b
                description: B
                category: combo
                weight: 1
                at_least: {count: 1, of: [a], cout: 1}
            """, manifest: """
            name: p
            version: 1
            thresholds: {low: 1, medium: 2, high: 3, reveiw: 2}
            categories: {salary: S, combo: C}
            catgories: {}
            """)
        let unknown = result.diagnostics(.unknownKey)
        #expect(unknown.map(\.location) == [F.manifestAt(3, 42), F.manifestAt(5, 1), F.rules(5, 5), F.rules(8, 30),
                                            F.rules(9, 31), F.rules(14, 35)])
        #expect(unknown.map(\.hint) == ["did you mean `review`?", "did you mean `categories`?", "did you mean `weight`?",
                                        "did you mean `words`?", "did you mean `no_match`?", "did you mean `count`?"])
        #expect(unknown[2].message == "unknown key `wieght` in rule `a`")
        #expect(unknown[2].ruleID == "a")
    }

    @Test func unknownKeyFarFromAnyKnownKeyListsTheKnownKeys() throws {
        let result = F.load(rules: "rules: []\nextras: 1\n")
        let diagnostic = try #require(result.diagnostics(.unknownKey).first)
        #expect(diagnostic.location == F.rules(2, 1))
        #expect(diagnostic.hint == "known keys: `rules`")
    }

    @Test func valuesOfTheWrongTypeAreP102AtTheValue() {
        let result = F.load(rules: """
            rules:
              - id: a
                description: A
                category: salary
                weight: "high"
                keywords: gaji besar
              - id: b
                description: B
                category: salary
                weight: "3"
                max_count: 1.5
                regex: [x]
            """)
        let wrong = result.diagnostics(.wrongType)
        #expect(wrong.map(\.location) == [F.rules(5, 13), F.rules(6, 15), F.rules(10, 13), F.rules(11, 16),
                                          F.rules(12, 12)])
        #expect(wrong[0].message == "`weight` must be a number, found text `high`")
        #expect(wrong[1].hint == #"write a list: `keywords: ["gaji besar"]`"#)
        #expect(wrong[2].hint == "write the number without quotes")
        #expect(result.diagnostics(.noMatcher).isEmpty, "a wrongly typed matcher is not a missing one")
    }

    @Test func missingRequiredFieldsAreP103AtTheirMapping() {
        let result = F.load(rules: """
            rules:
              - id: a
                category: salary
                keywords: [gaji]
              - id: b
                description: B
                category: combo
                weight: 1
                at_least: {count: 2}
            """, manifest: """
            name: p
            thresholds: {low: 1, high: 3}
            categories: {salary: S, combo: C}
            """)
        let missing = result.diagnostics(.missingField)
        #expect(missing.map(\.message) == [
            "the pack manifest is missing required field `version`",
            "`thresholds` is missing required field `medium`",
            "rule `a` is missing required field `description`",
            "rule `a` is missing required field `weight`",
            "`at_least` is missing required field `of`",
        ])
        #expect(missing.map(\.location) == [F.manifestAt(1, 1), F.manifestAt(2, 13), F.rules(2, 5), F.rules(2, 5),
                                            F.rules(9, 15)])
    }

    @Test func emptyRequiredValueIsP103AtTheValue() throws {
        let result = F.load(rules: """
            rules:
              - id: a
                description: ""
                category:
                weight: 1
                keywords: [gaji]
            """)
        let missing = result.diagnostics(.missingField)
        #expect(missing.map(\.location) == [F.rules(3, 18), F.rules(4, 14)])
        #expect(result.diagnostics(.unknownCategory).isEmpty, "a missing category is reported once")
    }

    @Test func invalidValuesAreP105() {
        let result = F.load(rules: """
            rules:
              - id: a
                description: A
                category: salary
                weight: 1
                status: stabel
                keywords: [gaji]
                target: raw
              - id: b
                description: B
                category: salary
                weight: 1
                regex: 'gaji'
                target: cooked
            """, manifest: F.manifest + "\nexamples:\n  - {text: loker, risk: severe}")
        let invalid = result.diagnostics(.invalidValue)
        #expect(invalid.map(\.location) == [F.manifestAt(9, 25), F.rules(6, 13), F.rules(8, 5), F.rules(14, 13)])
        #expect(invalid.map(\.hint) == ["use one of `none`, `low`, `medium`, `high`", "did you mean `stable`?",
                                        "remove `target` or use `regex`", "use `normalized` (the default) or `raw`"])
    }

    @Test func unlessAfterIsReadForKeywordsAndRefusedElsewhere() {
        let keywords = """
            rules:
              - id: a
                description: A
                category: salary
                weight: 1
                keywords: [penipuan, calo]
                unless_after: [bukan, "tidak ada"]
            """
        #expect(F.load(rules: keywords).pack?.rules.first?.unlessAfter == ["bukan", "tidak ada"])
        let result = F.load(rules: keywords + """

              - id: b
                description: B
                category: salary
                weight: 1
                regex: 'gaji'
                unless_after: [bukan]
            """)
        let invalid = result.diagnostics(.invalidValue)
        #expect(invalid.map(\.location) == [F.rules(13, 5)])
        #expect(invalid.first?.message == "`unless_after` only applies to a `keywords` matcher")
    }

    @Test func twoMatcherKindsAreP106AtTheSecond() {
        let result = F.load(rules: """
            rules:
              - id: a
                description: A
                category: salary
                weight: 1
                keywords: [gaji]
                regex: 'gaji'
              - id: b
                description: B
                category: combo
                weight: 1
                all: [a]
                any: [a]
                keywords: [x]
            """)
        let conflicts = result.diagnostics(.conflictingMatchers)
        #expect(conflicts.map(\.location) == [F.rules(7, 5), F.rules(14, 5)])
        #expect(conflicts.map(\.message) == ["rule `a` has more than one matcher: `keywords` and `regex`",
                                             "rule `b` has more than one matcher: `all` and `keywords`"])
        #expect(conflicts.allSatisfy { $0.ruleID != nil })
    }

    @Test func ruleWithoutMatcherIsP107AtItsID() throws {
        let result = F.load(rules: """
            rules:
              - id: lonely
                description: A
                category: salary
                weight: 1
            """)
        let diagnostic = try #require(result.diagnostics(.noMatcher).first)
        #expect(diagnostic.location == F.rules(2, 9))
        #expect(diagnostic.ruleID == "lonely")
    }

    @Test func missingManifestIsP108() throws {
        let result = PackLoader.load(files: [("rules/a.yaml", "rules: [{id: a, description: A, category: x, weight: 1, keywords: [x]}]")])
        let diagnostic = try #require(result.diagnostics(.missingManifest).first)
        #expect(diagnostic.location == F.at("pack.yaml", 1, 1))
        #expect(result.diagnostics.count == 1, "rules are not judged against a manifest that is not there")
        #expect(result.pack == nil)
    }

    @Test func secondManifestIsReported() throws {
        let result = PackLoader.load(files: [("pack/sub/pack.yaml", F.manifest), ("pack/pack.yaml", F.manifest),
                                             ("pack/r.yaml", "rules: [{id: a, description: A, category: salary, weight: 1, keywords: [x]}]")])
        let diagnostic = try #require(result.diagnostics(.missingManifest).first)
        #expect(diagnostic.location == F.at("pack/sub/pack.yaml", 1, 1))
        #expect(diagnostic.hint?.contains("`pack/pack.yaml`") == true)
    }

    @Test func packWithoutRulesIsP109() throws {
        let result = PackLoader.load(files: [("pack.yaml", F.manifest), ("rules/empty.yaml", "# nothing yet\n")])
        let diagnostic = try #require(result.diagnostics(.emptyPack).first)
        #expect(diagnostic.location == F.manifestAt(1, 1))
        #expect(result.diagnostics.count == 1)
    }

    // MARK: Everything at once

    @Test func severalMistakesAreAllReportedInFileOrder() {
        let result = F.load(rules: """
            rules:
              - id: salary.a
                description: A
                category: salry
                wieght: 1
                keywords: ["gaji", " "]
              - id: salary.a
                description: B
                category: salary
                weight: big
                regex: 'x'
                all: [salary.b]
              - id: combo
                description: C
                category: combo
                weight: 1
                all: [salary.aa]
            """, manifest: """
            name: p
            version: 1
            thresholds: {low: 5, medium: 2, high: 9}
            categories: {salary: S, combo: C}
            lexicon: {gj: gaji, ln: ""}
            """)
        #expect(result.hasErrors)
        #expect(result.pack == nil)
        #expect(result.codes == [.thresholdOrder, .lexiconProblem, .missingField, .unknownCategory, .unknownKey,
                                 .emptyKeyword, .duplicateID, .wrongType, .conflictingMatchers, .unknownRule])
        #expect(result.diagnostics.map { $0.location?.line ?? 0 } == [3, 5, 2, 4, 5, 6, 7, 10, 12, 17])
        #expect(result.diagnostics(.unknownRule).first?.hint == "did you mean `salary.a`?")
    }

    // MARK: Real folders

    @Test func loadsARealFolderRecursivelyInPathOrder() throws {
        let folder = try TemporaryFolder()
        try folder.write("pack.yaml", F.manifest)
        try folder.write("b.yml", "rules: [{id: b, description: B, category: salary, weight: 1, keywords: [b]}]")
        try folder.write("a/rules.yaml", "rules: [{id: a, description: A, category: salary, weight: 1, keywords: [a]}]")
        try folder.write("a/notes.txt", "not a rule file")
        try folder.write(".drafts/c.yaml", "rules: [{id: c, wieght: oops}]")
        let result = PackLoader.load(directory: folder.path)
        let pack = try #require(result.pack, "\(result.diagnostics)")
        #expect(pack.rules.map(\.id) == ["a", "b"])
        #expect(pack.rules[0].location == F.at(folder.path + "/a/rules.yaml", 1, 14))
        #expect(pack.directory == folder.path)
    }

    @Test func diagnosticsNameTheFolderJoinedWithTheFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("pack.yaml", F.manifest)
        try folder.write("rules/salary.yaml", """
            rules:
              - id: a
                description: A
                category: salary
                weigth: 1
                keywords: [gaji]
            """)
        let result = PackLoader.load(directory: folder.path + "/")
        let diagnostic = try #require(result.diagnostics(.unknownKey).first)
        #expect(diagnostic.location == F.at(folder.path + "/rules/salary.yaml", 5, 5))
        #expect(diagnostic.description == """
            error[P101]: unknown key `weigth` in rule `a`
              --> \(folder.path)/rules/salary.yaml:5:5
              = hint: did you mean `weight`?
            """)
    }

    @Test func folderWithoutManifestIsP108() throws {
        let folder = try TemporaryFolder()
        try folder.write("rules.yaml", "rules: []")
        let result = PackLoader.load(directory: folder.path)
        #expect(result.codes == [.missingManifest])
        #expect(result.diagnostics.first?.location == F.at(folder.path + "/pack.yaml", 1, 1))
    }

    @Test func missingFolderIsP108() {
        let result = PackLoader.load(directory: "/nonexistent/patroli-pack")
        #expect(result.codes == [.missingManifest])
        #expect(result.diagnostics.first?.message == "rule pack folder `/nonexistent/patroli-pack` not found")
    }

    @Test func fileThatIsNotUTF8IsP100AtTheBadByte() throws {
        let folder = try TemporaryFolder()
        try folder.write("pack.yaml", F.manifest)
        try folder.write("r.yaml", Data("rules:\n  - id: ga".utf8) + Data([0xFF]) + Data("ji\n".utf8))
        let result = PackLoader.load(directory: folder.path)
        let diagnostic = try #require(result.diagnostics(.yamlSyntax).first)
        #expect(diagnostic.location == F.at(folder.path + "/r.yaml", 2, 11))
    }
}

/// A real folder under the system temporary directory, removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("patroli-pack-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ relative: String, _ contents: String) throws {
        try write(relative, Data(contents.utf8))
    }

    func write(_ relative: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
