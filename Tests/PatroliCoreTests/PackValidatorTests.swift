import Testing
@testable import PatroliCore

@Suite struct PackValidatorTests {
    typealias F = PackFixture

    // MARK: Through the loader (exact places)

    @Test func duplicateIDIsP104AtTheSecondWithTheFirstInTheHint() throws {
        let result = F.load(rules: """
            rules:
              - {id: salary.a, description: A, category: salary, weight: 1, keywords: [a]}
              - {id: salary.a, description: B, category: salary, weight: 1, keywords: [b]}
            """)
        let diagnostic = try #require(result.diagnostics(.duplicateID).first)
        #expect(result.codes == [.duplicateID])
        #expect(diagnostic.location == F.rules(3, 10))
        #expect(diagnostic.hint == "first defined at rules/test.yaml:2:10; rule ids must be unique in the pack")
        #expect(diagnostic.ruleID == "salary.a")
    }

    @Test func duplicateIDAcrossFilesNamesTheOtherFile() throws {
        let result = PackLoader.load(files: [
            ("pack.yaml", F.manifest),
            ("rules/a.yaml", "rules: [{id: x, description: A, category: salary, weight: 1, keywords: [a]}]"),
            ("rules/b.yaml", "rules: [{id: x, description: B, category: salary, weight: 1, keywords: [b]}]"),
        ])
        let diagnostic = try #require(result.diagnostics(.duplicateID).first)
        #expect(diagnostic.location == F.at("rules/b.yaml", 1, 14))
        #expect(diagnostic.hint?.hasPrefix("first defined at rules/a.yaml:1:14") == true)
    }

    @Test func badIDsAndCountsAreP105AtTheValue() {
        let result = F.load(rules: """
            rules:
              - id: bad id!
                description: A
                category: salary
                weight: 1
                max_count: 0
                keywords: [gaji]
                near: {category: destination, words: 0}
              - id: combo
                description: C
                category: combo
                weight: 1
                at_least: {count: 3, of: [combo.b, "category:salary"]}
              - id: combo.b
                description: D
                category: combo
                weight: 1
                at_least: {count: 0, of: ["category:salary"]}
            """)
        let invalid = result.diagnostics(.invalidValue)
        #expect(invalid.map(\.location) == [F.rules(2, 9), F.rules(6, 16), F.rules(8, 42), F.rules(13, 23),
                                            F.rules(18, 23)])
        #expect(invalid.map(\.message) == [
            "rule id `bad id!` may only contain letters, digits, `.`, `_` and `-`",
            "`max_count` must be at least 1, found 0",
            "`near` words must be at least 1, found 0",
            "`at_least` count 3 is more than the 2 reference(s) in `of`",
            "`at_least` count must be at least 1, found 0",
        ])
        #expect(result.codes.allSatisfy { $0 == .invalidValue })
    }

    @Test func unknownRuleReferencesAreP201WithDidYouMean() {
        let result = F.load(rules: """
            rules:
              - id: salary.high
                description: A
                category: salary
                weight: 1
                keywords: [gaji]
                near: {rule: dest.kamboja, words: 5}
              - id: combo
                description: C
                category: combo
                weight: 1
                all: [salary.hihg, salary]
            """)
        let unknown = result.diagnostics(.unknownRule)
        #expect(unknown.map(\.location) == [F.rules(7, 18), F.rules(12, 11), F.rules(12, 24)])
        #expect(unknown.map(\.message) == ["rule `salary.high` refers to unknown rule `dest.kamboja`",
                                           "rule `combo` refers to unknown rule `salary.hihg`",
                                           "rule `combo` refers to unknown rule `salary`"])
        #expect(unknown.map(\.hint) == [nil, "did you mean `salary.high`?",
                                        "for any rule of that category write `category:salary`"])
    }

    @Test func undeclaredCategoriesAreP202WhereverTheyAreNamed() {
        let result = F.load(rules: """
            rules:
              - id: a
                description: A
                category: salry
                weight: 1
                keywords: [gaji]
                near: {category: urgency, words: 5}
              - id: combo
                description: C
                category: combo
                weight: 1
                any: ["category:destinaton"]
            """, manifest: F.manifest + "\ncaps: {salary: 4, visa: 2}")
        let unknown = result.diagnostics(.unknownCategory)
        #expect(unknown.map(\.location) == [F.manifestAt(8, 19), F.rules(4, 15), F.rules(7, 22), F.rules(12, 11)])
        #expect(unknown.map(\.hint) == ["declare it under `categories:` in pack.yaml", "did you mean `salary`?",
                                        "declare it under `categories:` in pack.yaml", "did you mean `destination`?"])
    }

    @Test func cyclesAreP203ReportedOnceWithTheirPath() {
        let result = F.load(rules: """
            rules:
              - {id: a, description: A, category: combo, weight: 1, all: [b]}
              - {id: b, description: B, category: combo, weight: 1, any: [c, a]}
              - {id: c, description: C, category: combo, weight: 1, not: [b]}
              - {id: self, description: S, category: combo, weight: 1, all: [self]}
              - {id: d, description: D, category: salary, weight: 1, keywords: [d]}
              - {id: e, description: E, category: destination, weight: 1, at_least: {count: 1, of: [d, "category:destination"]}}
              - {id: f, description: F, category: destination, weight: 1, any: [e]}
            """)
        let cycles = result.diagnostics(.combinationCycle)
        #expect(cycles.map(\.message) == [
            "cycle among combination rules: a -> b -> a",
            "cycle among combination rules: b -> c -> b",
            "cycle among combination rules: self -> self",
            "cycle among combination rules: e -> category:destination -> f -> e",
        ])
        #expect(cycles.map(\.location) == [F.rules(2, 63), F.rules(3, 63), F.rules(5, 66), F.rules(7, 92)])
        #expect(cycles.map(\.ruleID) == ["a", "b", "self", "e"])
        #expect(result.codes.allSatisfy { $0 == .combinationCycle })
    }

    @Test func combinationsReferringToCombinationsWithoutACycleAreFine() throws {
        let result = F.load(rules: """
            rules:
              - {id: a, description: A, category: salary, weight: 1, keywords: [a]}
              - {id: b, description: B, category: combo, weight: 1, all: [a]}
              - {id: c, description: C, category: combo, weight: 1, all: [b, a, "category:salary"]}
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func combinationReferringToItsOwnCategoryMeansTheOtherRules() throws {
        // `category:combo` in a combo rule means "any other combo rule", as the scanner reads it.
        let result = F.load(rules: """
            rules:
              - {id: a, description: A, category: salary, weight: 1, keywords: [a]}
              - {id: b, description: B, category: combo, weight: 1, all: [a]}
              - {id: c, description: C, category: combo, weight: 1, any: ["category:combo"]}
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func invalidNearIsP206() {
        let result = F.load(rules: """
            rules:
              - id: a
                description: A
                category: combo
                weight: 1
                all: [b]
                near: {rule: b, words: 3}
              - id: b
                description: B
                category: salary
                weight: 1
                keywords: [gaji]
                near: {words: 3}
              - id: c
                description: C
                category: salary
                weight: 1
                keywords: [gaji]
                near: {rule: a, category: salary, words: 3}
            """)
        let near = result.diagnostics(.invalidNear)
        #expect(near.map(\.location) == [F.rules(7, 5), F.rules(13, 11), F.rules(19, 21)])
        #expect(near.map(\.message) == ["`near` does not apply to combination rule `a`",
                                        "`near` names neither a `rule` nor a `category`",
                                        "`near` names both a `rule` and a `category`"])
        #expect(result.codes.allSatisfy { $0 == .invalidNear })
    }

    @Test func thresholdsOutOfOrderAndNonNumericReviewAreP207() {
        let result = F.load(rules: "rules: [{id: a, description: A, category: salary, weight: 1, keywords: [a]}]",
                            manifest: """
            name: p
            version: 1
            thresholds:
              low: 6
              medium: 3
              high: 2
              review: high
            categories: {salary: S}
            """)
        let order = result.diagnostics(.thresholdOrder)
        #expect(order.map(\.location) == [F.manifestAt(5, 11), F.manifestAt(6, 9), F.manifestAt(7, 11)])
        #expect(order.map(\.message) == ["threshold `medium` (3.0) is below `low` (6.0)",
                                         "threshold `high` (2.0) is below `medium` (3.0)",
                                         "`review` threshold must be a number, found text `high`"])
        #expect(result.codes.allSatisfy { $0 == .thresholdOrder })
    }

    @Test func lexiconProblemsAreP208AtTheEntry() {
        let result = F.load(rules: "rules: [{id: a, description: A, category: salary, weight: 1, keywords: [a]}]",
                            manifest: F.manifest + """

            lexicon:
              gj: gaji
              ln:
              "": kosong
              gaji: Gaji
              GJ: gaji
            """)
        let lexicon = result.diagnostics(.lexiconProblem)
        #expect(lexicon.map(\.location) == [F.manifestAt(10, 3), F.manifestAt(11, 3), F.manifestAt(12, 3),
                                            F.manifestAt(13, 3)])
        #expect(lexicon.map(\.message) == ["lexicon entry `ln` has no expansion",
                                           "lexicon entry with an empty key (expanding to `kosong`)",
                                           "lexicon entry `gaji` expands to itself",
                                           "lexicon entry `GJ` is given twice"])
        #expect(lexicon.last?.hint == "first given at pack.yaml:9:3")
        #expect(result.codes.allSatisfy { $0 == .lexiconProblem })
    }

    @Test func blankKeywordsAreP209AtTheKeyword() {
        let result = F.load(rules: """
            rules:
              - id: a
                description: A
                category: salary
                weight: 1
                keywords:
                  - gaji
                  - "   "
                  -
            """)
        let empty = result.diagnostics(.emptyKeyword)
        #expect(empty.map(\.location) == [F.rules(8, 9), F.rules(9, 8)])
        #expect(result.codes.allSatisfy { $0 == .emptyKeyword })
    }

    @Test func emptyKeywordListsAndEmptyCombinationsHaveNoMatcher() {
        let result = F.load(rules: """
            rules:
              - {id: a, description: A, category: salary, weight: 1, keywords: []}
              - {id: b, description: B, category: combo, weight: 1, all: [], any: []}
            """)
        #expect(result.codes == [.noMatcher, .noMatcher])
        #expect(result.diagnostics.map(\.location) == [F.rules(2, 10), F.rules(3, 10)])
    }

    // MARK: Packs built in code

    static func rule(_ id: String, category: String = "salary", _ matcher: Matcher, line: Int) -> Rule {
        Rule(id: id, category: category, weight: 1, matcher: matcher, location: F.at("code", line, 1))
    }

    static func pack(_ rules: [Rule]) -> RulePack {
        RulePack(manifest: PackManifest(name: "p", version: "1", thresholds: Thresholds(low: 1, medium: 2, high: 3, review: 2),
                                        categories: ["salary": "S", "combo": "C"], location: F.at("code", 0, 1)),
                 rules: rules)
    }

    @Test func validPackBuiltInCodeHasNoDiagnostics() {
        var combination = Combination()
        combination.all = [LocatedReference(.rule("a")), LocatedReference(.category("salary"))]
        combination.atLeast = (1, [LocatedReference(.rule("a"))])
        let pack = Self.pack([Self.rule("a", .keywords(["gaji"]), line: 1),
                              Self.rule("b", category: "combo", .combination(combination), line: 2)])
        #expect(PackValidator.validate(pack).isEmpty)
    }

    @Test func packBuiltInCodeIsJudgedAtRuleLocations() {
        var combination = Combination()
        combination.any = [LocatedReference(.rule("missing"))]
        var nearRule = Self.rule("c", .keywords(["x", ""]), line: 3)
        nearRule.near = NearCondition(reference: LocatedReference(.category("nowhere")), words: 2)
        let pack = Self.pack([Self.rule("a", .keywords(["gaji"]), line: 1),
                              Self.rule("a", category: "combo", .combination(combination), line: 2), nearRule])
        let diagnostics = PackValidator.validate(pack)
        #expect(diagnostics.map(\.code) == [.duplicateID, .unknownRule, .emptyKeyword, .unknownCategory])
        #expect(diagnostics.map { $0.location?.line } == [2, 2, 3, 3])
    }

    @Test func emptyPackBuiltInCodeIsP109AtTheManifest() {
        let diagnostics = PackValidator.validate(Self.pack([]))
        #expect(diagnostics.map(\.code) == [.emptyPack])
        #expect(diagnostics.first?.location == F.at("code", 0, 1))
    }
}
