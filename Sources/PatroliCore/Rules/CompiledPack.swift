/// A rule pack compiled for scanning: immutable, shared by every worker.
///
/// Compile once, scan many (like YARA-X `Rules`): keywords are normalized with the pack's own
/// normalizer, every keyword and every regex's required literal go into one literal automaton,
/// regexes are compiled with PCRE2 JIT, and combination rules are put in dependency order.
public final class CompiledPack: Sendable {
    public let manifest: PackManifest
    /// Active rules (not `disabled`), in pack order.
    public let rules: [CompiledRule]
    public let normalizer: Normalizer
    /// Non-error diagnostics found while compiling (for example regexes with no literal).
    public let warnings: [Diagnostic]

    let automaton: LiteralAutomaton
    /// For each automaton payload: the rule it belongs to and whether it is a keyword.
    let literalTargets: [LiteralTarget]
    /// Regex rules with no required literal: run on every post.
    let ungatedRegexRules: [Int]
    /// Raw-text regex rules and the literals (lower case) one of which the original text must contain.
    let rawGatedRegexRules: [(rule: Int, literals: [[UInt8]])]
    /// Keyword and regex rules with a `near` condition, in pack order.
    let nearRules: [Int]
    /// Combination rules in dependency order.
    let combinationOrder: [Int]
    /// Rule indexes per category name.
    let rulesByCategory: [String: [Int]]
    let indexByID: [String: Int]
    /// Per rule: the rule indexes each combination reference stands for, resolved once.
    let resolvedCombinations: [ResolvedCombination?]
    /// Per rule: its category's slot in `capSlots`, and the cap of that category (if any).
    let categorySlot: [Int]
    let capByRule: [Double?]
    let categoryCount: Int

    /// A class, so evaluating it per post shares it instead of copying its arrays.
    final class ResolvedCombination: Sendable {
        let all: [[Int]]
        let any: [[Int]]
        let not: [[Int]]
        let atLeastCount: Int?
        let atLeastOf: [[Int]]
        /// Every reference that can pin the combination to words: all, any and at_least.
        let pinning: [[Int]]

        init(all: [[Int]], any: [[Int]], not: [[Int]], atLeastCount: Int?, atLeastOf: [[Int]]) {
            self.all = all
            self.any = any
            self.not = not
            self.atLeastCount = atLeastCount
            self.atLeastOf = atLeastOf
            pinning = all + any + atLeastOf
        }

        /// A copy with storage of its own (see `Scanner`'s per-worker tables).
        init(copying other: ResolvedCombination) {
            func own(_ lists: [[Int]]) -> [[Int]] { lists.map { $0.map { $0 } } }
            self.all = own(other.all)
            self.any = own(other.any)
            self.not = own(other.not)
            self.atLeastCount = other.atLeastCount
            self.atLeastOf = own(other.atLeastOf)
            pinning = own(other.pinning)
        }
    }

    struct LiteralTarget: Sendable {
        var rule: Int32
        var isKeyword: Bool
    }

    public var name: String { manifest.name }
    public var version: String { manifest.version }

    /// Compiles `pack`. Throws every error found (regex errors with their position), not the first.
    public static func compile(_ pack: RulePack) throws(PackError) -> CompiledPack {
        var diagnostics = PackValidator.validate(pack)
        let normalizer = Normalizer(lexicon: pack.manifest.lexicon)
        var compiled: [CompiledRule] = []
        var literals: [LiteralAutomaton.Literal] = []
        var targets: [LiteralTarget] = []
        var ungated: [Int] = []
        var rawGates: [(rule: Int, literals: [[UInt8]])] = []
        var near: [Int] = []

        for rule in pack.rules where rule.status != .disabled {
            let index = compiled.count
            var kind: CompiledRule.Kind
            switch rule.matcher {
            case .keywords(let keywords):
                var normalizedKeywords: [[UInt8]] = []
                for keyword in keywords {
                    let bytes = normalizer.normalize(keyword).bytes.trimmingSpaces()
                    guard !bytes.isEmpty else { continue }
                    normalizedKeywords.append(bytes)
                    literals.append(.init(bytes: bytes, payload: Int32(targets.count)))
                    targets.append(LiteralTarget(rule: Int32(index), isKeyword: true))
                }
                kind = .keywords(normalizedKeywords)
            case .regex(let pattern, let target, let declared):
                let regex: PCRE2Regex
                do {
                    regex = try PCRE2Regex(pattern)
                } catch {
                    var location = rule.patternLocation ?? rule.location
                    let prefix = String(decoding: Array(pattern.utf8).prefix(error.offset), as: UTF8.self)
                    if rule.patternLocation != nil && !pattern.contains("\n") { location.column += prefix.count }
                    diagnostics.append(Diagnostic(.regexError, "regex of rule `\(rule.id)` does not compile: \(error.message)",
                                                  at: location, hint: "the error is at character \(prefix.count + 1) of the pattern",
                                                  rule: rule.id))
                    continue
                }
                let required = declared ?? (target == .normalized ? RegexLiterals.required(in: pattern) : nil)
                let atoms = (required ?? []).map { normalizer.normalizeWithoutLexicon(Array($0.utf8)).bytes.trimmingSpaces() }
                    .filter { !$0.isEmpty }
                if target == .raw, let declared, !declared.isEmpty {
                    // Raw-text regexes are gated on their declared literals in the original text.
                    rawGates.append((index, declared.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }))
                } else if atoms.isEmpty || target == .raw {
                    ungated.append(index)
                    diagnostics.append(Diagnostic(
                        .regexWithoutLiteral, "regex of rule `\(rule.id)` has no required literal, so it runs on every post",
                        at: rule.patternLocation ?? rule.location,
                        hint: target == .raw ? "raw-text regexes always run; prefer the normalized text when you can"
                            : "add `literals: [\"word\"]` naming a word every match contains",
                        rule: rule.id))
                } else {
                    for atom in atoms {
                        literals.append(.init(bytes: atom, payload: Int32(targets.count)))
                        targets.append(LiteralTarget(rule: Int32(index), isKeyword: false))
                    }
                }
                let rawGated = target == .raw && !(declared ?? []).isEmpty
                kind = .regex(regex, target, gated: rawGated || !(atoms.isEmpty || target == .raw))
            case .combination(let combination):
                kind = .combination(combination)
            }
            if rule.near != nil { near.append(index) }
            let negators = rule.unlessAfter.map { normalizer.normalize($0).bytes.trimmingSpaces() }.filter { !$0.isEmpty }
            compiled.append(CompiledRule(rule: rule, kind: kind, unlessAfter: negators))
        }

        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw PackError(diagnostics) }

        var indexByID: [String: Int] = [:]
        var byCategory: [String: [Int]] = [:]
        for (index, rule) in compiled.enumerated() {
            indexByID[rule.rule.id] = index
            byCategory[rule.rule.category, default: []].append(index)
        }
        let order: [Int]
        do {
            order = try combinationOrder(compiled, indexByID: indexByID, byCategory: byCategory)
        } catch {
            throw PackError(diagnostics + [error])
        }
        return CompiledPack(manifest: pack.manifest, rules: compiled, normalizer: normalizer,
                            warnings: diagnostics, automaton: LiteralAutomaton(literals), literalTargets: targets,
                            ungatedRegexRules: ungated, rawGatedRegexRules: rawGates, nearRules: near, combinationOrder: order,
                            rulesByCategory: byCategory, indexByID: indexByID)
    }

    private init(manifest: PackManifest, rules: [CompiledRule], normalizer: Normalizer, warnings: [Diagnostic],
                 automaton: LiteralAutomaton, literalTargets: [LiteralTarget], ungatedRegexRules: [Int],
                 rawGatedRegexRules: [(rule: Int, literals: [[UInt8]])],
                 nearRules: [Int], combinationOrder: [Int], rulesByCategory: [String: [Int]], indexByID: [String: Int]) {
        self.manifest = manifest
        self.rules = rules
        self.normalizer = normalizer
        self.warnings = warnings
        self.automaton = automaton
        self.literalTargets = literalTargets
        self.ungatedRegexRules = ungatedRegexRules
        self.rawGatedRegexRules = rawGatedRegexRules
        self.nearRules = nearRules
        self.combinationOrder = combinationOrder
        self.rulesByCategory = rulesByCategory
        self.indexByID = indexByID
        func resolve(_ references: [LocatedReference], _ own: Int) -> [[Int]] {
            references.map { reference -> [Int] in
                switch reference.reference {
                case .rule(let id): return indexByID[id].map { [$0] } ?? []
                case .category(let name): return (rulesByCategory[name] ?? []).filter { $0 != own }
                }
            }
        }
        resolvedCombinations = rules.enumerated().map { index, rule in
            guard case .combination(let combination) = rule.kind else { return nil }
            return ResolvedCombination(all: resolve(combination.all, index), any: resolve(combination.any, index),
                                       not: resolve(combination.not, index), atLeastCount: combination.atLeastCount,
                                       atLeastOf: resolve(combination.atLeastOf, index))
        }
        let categories = Array(Set(rules.map(\.rule.category))).sorted()
        let slots = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        categorySlot = rules.map { slots[$0.rule.category] ?? 0 }
        capByRule = rules.map { manifest.caps[$0.rule.category] }
        categoryCount = categories.count
    }

    /// Loads a pack folder and compiles it; throws every diagnostic if there is any error.
    public static func load(directory: String) throws(PackError) -> CompiledPack {
        let result = PackLoader.load(directory: directory)
        guard let pack = result.pack, !result.hasErrors else { throw PackError(result.diagnostics) }
        return try compile(pack)
    }

    /// Rule indexes a reference stands for.
    func indexes(of reference: RuleReference, excluding own: Int) -> [Int] {
        switch reference {
        case .rule(let id): return indexByID[id].map { [$0] } ?? []
        case .category(let name): return (rulesByCategory[name] ?? []).filter { $0 != own }
        }
    }

    /// Orders combination rules so that each comes after every combination it depends on.
    private static func combinationOrder(_ rules: [CompiledRule], indexByID: [String: Int],
                                         byCategory: [String: [Int]]) throws(Diagnostic) -> [Int] {
        var state = [UInt8](repeating: 0, count: rules.count)  // 0 new, 1 visiting, 2 done
        var order: [Int] = []
        func dependencies(_ index: Int) -> [Int] {
            guard case .combination(let combination) = rules[index].kind else { return [] }
            var result: [Int] = []
            for reference in combination.references {
                switch reference.reference {
                case .rule(let id): if let target = indexByID[id] { result.append(target) }
                case .category(let name): result += (byCategory[name] ?? []).filter { $0 != index }
                }
            }
            return result
        }
        func visit(_ index: Int, _ path: [Int]) throws(Diagnostic) {
            if state[index] == 2 { return }
            if state[index] == 1 {
                let names = (path + [index]).map { rules[$0].rule.id }.joined(separator: " -> ")
                throw Diagnostic(.combinationCycle, "combination rules depend on each other in a cycle: \(names)",
                                 at: rules[index].rule.location, hint: "break the cycle by removing one reference",
                                 rule: rules[index].rule.id)
            }
            state[index] = 1
            for dependency in dependencies(index) { try visit(dependency, path + [index]) }
            state[index] = 2
            if case .combination = rules[index].kind { order.append(index) }
        }
        for index in rules.indices { try visit(index, []) }
        return order
    }
}

/// A rule ready to run. A class, so the scan loop shares it instead of copying the rule.
public final class CompiledRule: Sendable {
    public let rule: Rule
    let kind: Kind
    let hasNear: Bool
    /// `unless_after` words, normalized as the text is.
    let unlessAfter: [[UInt8]]

    init(rule: Rule, kind: Kind, unlessAfter: [[UInt8]] = []) {
        self.rule = rule
        self.kind = kind
        self.unlessAfter = unlessAfter
        hasNear = rule.near != nil
    }

    enum Kind: Sendable {
        case keywords([[UInt8]])
        case regex(PCRE2Regex, RegexTarget, gated: Bool)
        case combination(Combination)
    }

    /// Whether this regex rule runs on every post because it has no required literal.
    public var runsOnEveryPost: Bool {
        if case .regex(_, _, let gated) = kind { return !gated }
        return false
    }
}

extension Array where Element == UInt8 {
    func trimmingSpaces() -> [UInt8] {
        var slice = self[...]
        while slice.first == UInt8(ascii: " ") { slice = slice.dropFirst() }
        while slice.last == UInt8(ascii: " ") { slice = slice.dropLast() }
        return Array(slice)
    }
}
