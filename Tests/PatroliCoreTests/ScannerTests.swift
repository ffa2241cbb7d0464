import Testing
@testable import PatroliCore

private let here = SourceLocation(file: "test.yaml", line: 1, column: 1)

private func rule(_ id: String, _ category: String, _ weight: Double, _ matcher: Matcher,
                  near: NearCondition? = nil, maxCount: Int = 1, status: RuleStatus = .stable) -> Rule {
    Rule(id: id, description: "test rule \(id)", category: category, weight: weight, matcher: matcher,
         near: near, maxCount: maxCount, status: status, location: here)
}

private func ref(_ text: String) -> LocatedReference { LocatedReference(RuleReference(parsing: text)) }

private func makePack(_ rules: [Rule], caps: [String: Double] = [:],
                      lexicon: [LexiconEntry] = [LexiconEntry(from: "gj", to: "gaji")]) throws -> CompiledPack {
    let categories = Dictionary(uniqueKeysWithValues: Set(rules.map(\.category)).map { ($0, "category \($0)") })
    let manifest = PackManifest(name: "test", version: "1", thresholds: Thresholds(low: 2, medium: 4, high: 6, review: 4),
                                caps: caps, categories: categories, lexicon: lexicon)
    return try CompiledPack.compile(RulePack(manifest: manifest, rules: rules))
}

private func scan(_ pack: CompiledPack, _ text: String) -> ScanResult { Scanner(pack: pack).scan(text) }
private func fired(_ result: ScanResult) -> Set<String> { Set(result.contributions.map(\.ruleID)) }

@Suite struct KeywordMatchingTests {
    @Test func keywordsMatchWholeWordsOnNormalizedText() throws {
        let pack = try makePack([rule("kw", "salary", 2, .keywords(["gaji besar", "Kamboja"]))])
        #expect(fired(scan(pack, "GJ  BESAR!!")) == ["kw"], "lexicon and whitespace folding apply")
        #expect(fired(scan(pack, "ke K4MBOJA")) == ["kw"])
        #expect(fired(scan(pack, "gajibesar kambojaku")).isEmpty, "no match inside longer words")
        #expect(fired(scan(pack, "gaji tidak besar")).isEmpty)
    }

    @Test func aKeywordRightAfterAnUnlessAfterWordDoesNotCount() throws {
        var negated = rule("caution", "news", -2, .keywords(["penipuan", "calo"]))
        negated.unlessAfter = ["bukan", "tidak ada"]
        let pack = try makePack([negated])
        #expect(fired(scan(pack, "Awas penipuan!")) == ["caution"])
        #expect(fired(scan(pack, "legal 100% BUKAN   penipuan")).isEmpty, "normalized: case and spaces do not matter")
        #expect(fired(scan(pack, "kami bukan calo, tidak ada calo")).isEmpty, "a phrase negator works too")
        #expect(fired(scan(pack, "ini penipuan bukan?")) == ["caution"], "a negator after the keyword does not count")
        #expect(fired(scan(pack, "gabukan penipuan")) == ["caution"], "only a whole word negates")
        #expect(fired(scan(pack, "bukan penipuan, tapi ada calo")) == ["caution"], "other hits still count")
    }

    @Test func keywordNextToEmojiOrNonLatinStillMatches() throws {
        let pack = try makePack([rule("kw", "destination", 2, .keywords(["kamboja"]))])
        #expect(fired(scan(pack, "🔥🔥kamboja🔥")) == ["kw"])
        #expect(fired(scan(pack, "kambojaé")).isEmpty)
    }

    @Test func keywordSpansPointAtTheOriginalWords() throws {
        let pack = try makePack([rule("kw", "destination", 2, .keywords(["kerja di kamboja"]))])
        let result = scan(pack, "Ayo k e r j a  di  Kаmbоja sekarang")
        #expect(result.hits.map(\.text) == ["k e r j a  di  Kаmbоja"])
        #expect(result.hits.first?.start == 4)
    }
}

@Suite struct RegexMatchingTests {
    @Test func regexRunsOnNormalizedTextByDefault() throws {
        let pack = try makePack([rule("rx", "salary", 2, .regex(pattern: #"gaji\s*\d{2}\s*(?:jt|juta)"#, target: .normalized, literals: nil))])
        let result = scan(pack, "G4JI 15JT/bulan")
        #expect(fired(result) == ["rx"])
        #expect(result.hits.first?.text == "G4JI 15JT")
        #expect(pack.rules[0].runsOnEveryPost == false, "the literal `gaji` gates it")
    }

    @Test func rawRegexSeesTheOriginalText() throws {
        let pack = try makePack([rule("raw", "contact", 1, .regex(pattern: #"WA\.ME/\d+"#, target: .raw, literals: nil))])
        let result = scan(pack, "klik wa.me/6281200001111 ya")
        #expect(result.hits.first?.text == "wa.me/6281200001111")
        #expect(pack.warnings.contains { $0.code == .regexWithoutLiteral })
    }

    @Test func rawRegexWithDeclaredLiteralsIsGatedOnTheOriginalText() throws {
        let pack = try makePack([rule("raw", "contact", 1, .regex(pattern: #"wa\.me/\d+"#, target: .raw, literals: ["WA.ME/"]))])
        #expect(pack.warnings.isEmpty, "declared literals gate a raw regex: no P205")
        #expect(pack.rules[0].runsOnEveryPost == false)
        #expect(scan(pack, "klik Wa.Me/6281200001111").hits.map(\.text) == ["Wa.Me/6281200001111"])
        #expect(fired(scan(pack, "klik wa me 6281200001111")).isEmpty)
    }

    @Test func regexWithoutLiteralRunsOnEveryPostAndIsRecorded() throws {
        let pack = try makePack([rule("digits", "contact", 1, .regex(pattern: #"\d{10,}"#, target: .normalized, literals: nil))])
        #expect(pack.rules[0].runsOnEveryPost)
        #expect(pack.warnings.map(\.code) == [.regexWithoutLiteral])
        #expect(fired(scan(pack, "nomor 081200001111")) == ["digits"])
    }

    @Test func declaredLiteralsGateTheRegex() throws {
        let pack = try makePack([rule("rx", "salary", 2, .regex(pattern: #"(?:usd|\$)\s*\d{3,}"#, target: .normalized, literals: ["usd"]))])
        #expect(fired(scan(pack, "gaji usd 1000")) == ["rx"])
        #expect(fired(scan(pack, "gaji $1000")).isEmpty, "gated: only runs when a declared literal is seen")
    }

    @Test func badRegexIsReportedWithItsPosition() {
        var broken = rule("bad", "salary", 1, .regex(pattern: "gaji (15", target: .normalized, literals: nil))
        broken.patternLocation = SourceLocation(file: "rules/x.yaml", line: 7, column: 12)
        #expect {
            _ = try makePack([broken])
        } throws: { error in
            guard let error = error as? PackError, let diagnostic = error.diagnostics.first(where: { $0.code == .regexError }) else { return false }
            return diagnostic.location?.line == 7 && diagnostic.location?.column == 20
        }
    }

    @Test func catastrophicRegexFailsThatRuleWithoutHanging() throws {
        let pack = try makePack([
            rule("slow", "salary", 1, .regex(pattern: #"^(\w+\s?)+$"#, target: .normalized, literals: nil)),
            rule("kw", "destination", 2, .keywords(["kamboja"])),
        ])
        let result = scan(pack, String(repeating: "kata ", count: 40) + "kamboja!")
        #expect(result.failures.map(\.ruleID) == ["slow"])
        #expect(fired(result) == ["kw"], "other rules still evaluate")
    }
}

@Suite struct CombinationTests {
    private func pack() throws -> CompiledPack {
        try makePack([
            rule("salary", "salary", 1, .keywords(["gaji besar"])),
            rule("place", "destination", 1, .keywords(["kamboja", "myanmar"])),
            rule("fast", "urgency", 1, .keywords(["langsung berangkat"])),
            rule("warn", "news", -3, .keywords(["waspada"])),
            rule("both", "combination", 2, .combination(combo(all: ["salary", "category:destination"]))),
            rule("unless", "combination", 1, .combination(combo(all: ["both"], not: ["category:news"]))),
            rule("either", "combination", 1, .combination(combo(any: ["fast", "salary"]))),
            rule("two", "combination", 1, .combination(combo(atLeast: 2, of: ["category:salary", "category:destination", "category:urgency"]))),
        ])
    }

    private func combo(all: [String] = [], any: [String] = [], not: [String] = [], atLeast: Int? = nil, of: [String] = []) -> Combination {
        var combination = Combination()
        combination.all = all.map(ref)
        combination.any = any.map(ref)
        combination.not = not.map(ref)
        combination.atLeastCount = atLeast
        combination.atLeastOf = of.map(ref)
        return combination
    }

    @Test func allAnyNotAndAtLeastHoldExactlyWhenTheyShould() throws {
        let pack = try pack()
        #expect(fired(scan(pack, "gaji besar di kamboja")) == ["salary", "place", "both", "unless", "either", "two"])
        #expect(fired(scan(pack, "waspada gaji besar di kamboja")) == ["salary", "place", "warn", "both", "either", "two"])
        #expect(fired(scan(pack, "langsung berangkat ke myanmar")) == ["place", "fast", "either", "two"])
        #expect(fired(scan(pack, "kamboja")) == ["place"])
    }

    @Test func combinationHitsArePinnedToTheirConstituents() throws {
        let result = scan(try pack(), "Gaji besar di Kamboja")
        let both = result.hits.filter { $0.ruleID == "both" }.map(\.text)
        #expect(Set(both) == ["Gaji besar", "Kamboja"])
    }

    @Test func cyclesAreRejected() {
        #expect(throws: PackError.self) {
            _ = try makePack([
                rule("a", "combination", 1, .combination(combo(all: ["b"]))),
                rule("b", "combination", 1, .combination(combo(all: ["a"]))),
            ])
        }
    }
}

@Suite struct NearTests {
    @Test func nearFiresOnlyWithinTheWordWindow() throws {
        let pack = try makePack([
            rule("place", "destination", 1, .keywords(["kamboja"])),
            rule("admin", "vague_role", 2, .keywords(["admin"]), near: NearCondition(reference: ref("category:destination"), words: 3)),
        ])
        #expect(fired(scan(pack, "dicari admin di kamboja")) == ["place", "admin"])
        #expect(fired(scan(pack, "dicari admin untuk toko kami yang ramai di kota ini lalu kamboja")) == ["place"])
        #expect(fired(scan(pack, "dicari admin")).isEmpty)
    }
}

@Suite struct ScoringTests {
    @Test func weightsSumOncePerRuleUnlessMaxCountSaysOtherwise() throws {
        let pack = try makePack([
            rule("once", "salary", 1, .keywords(["gaji"])),
            rule("many", "contact", 1, .keywords(["wa"]), maxCount: 2),
        ])
        let result = scan(pack, "gaji gaji gaji wa wa wa")
        #expect(result.score == 3)
        #expect(result.hits.filter { $0.ruleID == "many" }.map(\.points) == [1, 1, 0])
    }

    @Test func capsLimitACategoryAndNegativeRulesSubtract() throws {
        let pack = try makePack([
            rule("a", "salary", 2, .keywords(["gaji besar"])),
            rule("b", "salary", 2, .keywords(["gaji tinggi"])),
            rule("c", "destination", 3, .keywords(["kamboja"])),
            rule("news", "news", -4, .keywords(["waspada"])),
        ], caps: ["salary": 3])
        let stuffed = scan(pack, "gaji besar gaji tinggi kamboja")
        #expect(stuffed.score == 6)
        #expect(stuffed.contributions.first { $0.ruleID == "b" }?.capped == true)
        let news = scan(pack, "waspada gaji besar kamboja")
        #expect(news.score == 1)
        #expect(news.hits.reduce(0) { $0 + $1.points } == news.score, "every point is pinned to a hit")
    }

    @Test func riskLevelsAndFlagFollowTheThresholds() throws {
        let pack = try makePack([rule("one", "salary", 1, .keywords(["satu"])), rule("two", "destination", 2, .keywords(["dua"])),
                                 rule("four", "urgency", 4, .keywords(["empat"]))])
        #expect(scan(pack, "satu").risk == .none)
        #expect(scan(pack, "dua").risk == .low)
        #expect(scan(pack, "empat").risk == .medium)
        #expect(scan(pack, "empat").flagged)
        #expect(!scan(pack, "satu dua").flagged)
        #expect(scan(pack, "empat dua").risk == .high)
    }

    @Test func disabledRulesNeverFire() throws {
        let pack = try makePack([rule("off", "salary", 5, .keywords(["gaji"]), status: .disabled)])
        #expect(scan(pack, "gaji").score == 0)
    }
}

@Suite struct LiteralAutomatonTests {
    @Test func findsEveryOccurrenceIncludingOverlaps() {
        let automaton = LiteralAutomaton([.init(bytes: Array("he".utf8), payload: 0), .init(bytes: Array("she".utf8), payload: 1),
                                          .init(bytes: Array("hers".utf8), payload: 2)])
        var found: [(Int32, Int, Int)] = []
        Array("ushers".utf8).withUnsafeBufferPointer { bytes in automaton.scan(bytes) { found.append(($0, $1, $2)) } }
        #expect(found.map { "\($0.0):\($0.1)-\($0.2)" }.sorted() == ["0:2-4", "1:1-4", "2:2-6"])
    }
}

@Suite struct RegexLiteralTests {
    @Test func requiredLiteralsAreExtractedConservatively() {
        #expect(RegexLiterals.required(in: #"gaji\s*\d+\s*jt"#) == ["gaji"])
        #expect(RegexLiterals.required(in: "(kamboja|myanmar|laos)") == ["kamboja", "laos", "myanmar"])
        #expect(RegexLiterals.required(in: #"\d{10,}"#) == nil)
        #expect(RegexLiterals.required(in: "(gaji)?besar") == ["besar"])
        #expect(RegexLiterals.required(in: "a|bc") == nil, "too short to gate on")
        #expect(RegexLiterals.required(in: "tiket (pesawat )?(gratis|ditanggung)") == ["tiket "])
        #expect(RegexLiterals.required(in: "(pesawat )?(gratis|ditanggung)") == ["ditanggung", "gratis"])
    }
}
