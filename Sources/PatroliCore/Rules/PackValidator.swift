/// Semantic checks of a rule pack: what the YAML means rather than how it is written.
///
/// Ids (syntax P105, duplicates P104), references (P201, P202), categories and caps (P202), cycles
/// among combination rules (P203), `near` (P206, P105), thresholds (P207), lexicon (P208), keywords
/// (P209), counts (P105) and empty matchers (P107). Regex compilation (P204, P205) is the compiler's.
public enum PackValidator {
    public static func validate(_ pack: RulePack) -> [Diagnostic] {
        validate(pack, sourceMap: PackSourceMap())
    }

    /// With the loader's source map: exact locations, and fields the loader already reported skipped.
    static func validate(_ pack: RulePack, sourceMap: PackSourceMap) -> [Diagnostic] {
        var validation = PackValidation(pack: pack, sourceMap: sourceMap)
        validation.run()
        return validation.diagnostics + PackCycleFinder(pack: pack, sourceMap: sourceMap).cycleDiagnostics()
    }
}

/// One run of the semantic checks, collecting diagnostics.
struct PackValidation {
    let pack: RulePack
    let sourceMap: PackSourceMap
    private(set) var diagnostics: [Diagnostic] = []
    /// Declared categories, or nil when the manifest's were unreadable (nothing to check against).
    private let categories: Set<String>?
    /// The first rule with each id.
    private let firstIndex: [String: Int]

    init(pack: RulePack, sourceMap: PackSourceMap) {
        self.pack = pack
        self.sourceMap = sourceMap
        self.categories = sourceMap.isPlaceholder(.categories) ? nil : Set(pack.manifest.categories.keys)
        var firstIndex: [String: Int] = [:]
        for (index, rule) in pack.rules.enumerated() where !sourceMap.isPlaceholder(.id, rule: index) {
            if firstIndex[rule.id] == nil { firstIndex[rule.id] = index }
        }
        self.firstIndex = firstIndex
    }

    mutating func run() {
        if pack.rules.isEmpty, !sourceMap.rulesIncomplete, !sourceMap.manifestMissing {
            report(.emptyPack, "the pack has no rules", at: pack.manifest.location,
                   hint: "add a rule file such as `rules/salary.yaml` holding `rules: [...]` next to `pack.yaml`")
        }
        for index in pack.rules.indices {
            checkID(of: index)
            checkFields(of: index)
            checkMatcher(of: index)
            checkNear(of: index)
        }
        checkCaps()
        checkThresholds()
        checkLexicon()
    }

    private mutating func report(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?,
                                 hint: String? = nil, rule: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: location, hint: hint, rule: rule))
    }

    private func location(_ field: RuleField, _ index: Int) -> SourceLocation? {
        sourceMap.location(of: field, rule: index, in: pack)
    }

    private static func isBlank(_ text: String) -> Bool { text.allSatisfy(\.isWhitespace) }

    // MARK: Rules

    private static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
    }

    private mutating func checkID(of index: Int) {
        guard !sourceMap.isPlaceholder(.id, rule: index) else { return }
        let rule = pack.rules[index]
        if !Self.isValidID(rule.id) {
            report(.invalidValue, "rule id `\(rule.id)` may only contain letters, digits, `.`, `_` and `-`",
                   at: rule.location, hint: "for example `salary.high_idr`", rule: rule.id)
        }
        if let first = firstIndex[rule.id], first != index {
            let firstPlace = pack.rules[first].location
            report(.duplicateID, "duplicate rule id `\(rule.id)`", at: rule.location,
                   hint: "first defined at \(firstPlace); rule ids must be unique in the pack", rule: rule.id)
        }
    }

    private mutating func checkFields(of index: Int) {
        let rule = pack.rules[index]
        if let categories, !sourceMap.isPlaceholder(.category, rule: index), !categories.contains(rule.category) {
            report(.unknownCategory, "rule `\(rule.id)` uses category `\(rule.category)`, which the manifest does not declare",
                   at: location(.category, index), hint: categoryHint(for: rule.category, categories), rule: rule.id)
        }
        if !sourceMap.isPlaceholder(.weight, rule: index), !rule.weight.isFinite {
            report(.invalidValue, "weight of rule `\(rule.id)` must be a finite number", at: location(.weight, index),
                   rule: rule.id)
        }
        if rule.maxCount < 1 {
            report(.invalidValue, "`max_count` must be at least 1, found \(rule.maxCount)", at: location(.maxCount, index),
                   hint: "leave it out to count the rule once", rule: rule.id)
        }
    }

    private mutating func checkMatcher(of index: Int) {
        guard !sourceMap.isPlaceholder(.matcher, rule: index) else { return }
        let rule = pack.rules[index]
        switch rule.matcher {
        case .keywords(let keywords):
            if keywords.isEmpty {
                report(.noMatcher, "rule `\(rule.id)` has an empty keyword list", at: rule.location,
                       hint: "list the words or phrases to find", rule: rule.id)
            }
            for (position, keyword) in keywords.enumerated() where Self.isBlank(keyword) {
                report(.emptyKeyword, "empty keyword in rule `\(rule.id)`", at: location(.keyword(position), index),
                       hint: "an empty keyword would match every post; remove it", rule: rule.id)
            }
        case .regex(let pattern, _, let literals):
            if Self.isBlank(pattern) {
                report(.invalidValue, "regex of rule `\(rule.id)` is empty", at: rule.patternLocation ?? rule.location,
                       rule: rule.id)
            }
            for (position, literal) in (literals ?? []).enumerated() where Self.isBlank(literal) {
                report(.invalidValue, "empty literal in rule `\(rule.id)`", at: location(.literal(position), index),
                       hint: "a literal is text every match contains, e.g. `gaji`", rule: rule.id)
            }
        case .combination(let combination):
            checkCombination(combination, of: index)
        }
    }

    private mutating func checkCombination(_ combination: Combination, of index: Int) {
        let rule = pack.rules[index]
        if combination.references.isEmpty, combination.atLeastCount == nil {
            report(.noMatcher, "combination rule `\(rule.id)` refers to no rules", at: rule.location,
                   hint: "list rule ids or `category:NAME` under `all`, `any`, `not` or `at_least`", rule: rule.id)
        }
        for reference in combination.references {
            checkReference(reference, of: index)
        }
        if let count = combination.atLeastCount {
            let available = combination.atLeastOf.count
            if count < 1 {
                report(.invalidValue, "`at_least` count must be at least 1, found \(count)",
                       at: location(.atLeastCount, index), rule: rule.id)
            } else if count > available {
                report(.invalidValue, "`at_least` count \(count) is more than the \(available) reference(s) in `of`",
                       at: location(.atLeastCount, index), hint: "the rule could never fire", rule: rule.id)
            }
        }
    }

    private mutating func checkNear(of index: Int) {
        let rule = pack.rules[index]
        guard let near = rule.near else { return }
        if case .combination = rule.matcher, !sourceMap.isPlaceholder(.matcher, rule: index) {
            report(.invalidNear, "`near` does not apply to combination rule `\(rule.id)`", at: location(.near, index),
                   hint: "`near` works with `keywords` and `regex` rules; put it on the rules the combination uses",
                   rule: rule.id)
        }
        checkReference(near.reference, of: index)
        if near.words < 1 {
            report(.invalidValue, "`near` words must be at least 1, found \(near.words)", at: location(.nearWords, index),
                   rule: rule.id)
        }
    }

    private mutating func checkReference(_ reference: LocatedReference, of index: Int) {
        let rule = pack.rules[index]
        let place = reference.location ?? rule.location
        switch reference.reference {
        case .rule(let id):
            guard firstIndex[id] == nil else { return }
            let hint = PackSuggestion.hint(for: id, among: firstIndex.keys.sorted())
                ?? (categories?.contains(id) == true ? "for any rule of that category write `category:\(id)`" : nil)
            report(.unknownRule, "rule `\(rule.id)` refers to unknown rule `\(id)`", at: place, hint: hint, rule: rule.id)
        case .category(let name):
            guard let categories, !categories.contains(name) else { return }
            report(.unknownCategory, "rule `\(rule.id)` refers to undeclared category `\(name)`", at: place,
                   hint: categoryHint(for: name, categories), rule: rule.id)
        }
    }

    private func categoryHint(for name: String, _ categories: Set<String>) -> String {
        PackSuggestion.hint(for: name, among: categories.sorted())
            ?? "declare it under `categories:` in pack.yaml"
    }

    // MARK: Manifest

    private mutating func checkCaps() {
        for (name, cap) in pack.manifest.caps.sorted(by: { $0.key < $1.key }) {
            let place = sourceMap.location(of: .cap(name), in: pack)
            if let categories, !categories.contains(name) {
                report(.unknownCategory, "`caps` names undeclared category `\(name)`", at: place,
                       hint: categoryHint(for: name, categories))
            }
            if !(cap >= 0) || !cap.isFinite {
                report(.invalidValue, "cap of `\(name)` must be a number of at least 0, found \(cap)", at: place)
            }
        }
    }

    private mutating func checkThresholds() {
        guard !sourceMap.isPlaceholder(.thresholds) else { return }
        let thresholds = pack.manifest.thresholds
        if thresholds.low > thresholds.medium {
            report(.thresholdOrder, "threshold `medium` (\(thresholds.medium)) is below `low` (\(thresholds.low))",
                   at: sourceMap.location(of: .threshold("medium"), in: pack), hint: "thresholds need low <= medium <= high")
        }
        if thresholds.medium > thresholds.high {
            report(.thresholdOrder, "threshold `high` (\(thresholds.high)) is below `medium` (\(thresholds.medium))",
                   at: sourceMap.location(of: .threshold("high"), in: pack), hint: "thresholds need low <= medium <= high")
        }
    }

    private mutating func checkLexicon() {
        var seen: [String: LexiconEntry] = [:]
        for entry in pack.manifest.lexicon {
            let place = entry.location ?? pack.manifest.location
            let from = Self.folded(entry.from), to = Self.folded(entry.to)
            if from.isEmpty {
                report(.lexiconProblem, "lexicon entry with an empty key (expanding to `\(entry.to)`)", at: place)
                continue
            }
            if to.isEmpty {
                report(.lexiconProblem, "lexicon entry `\(entry.from)` has no expansion", at: place,
                       hint: "write `\(entry.from): full words`")
            } else if from == to {
                report(.lexiconProblem, "lexicon entry `\(entry.from)` expands to itself", at: place,
                       hint: "remove it")
            }
            if let first = seen[from] {
                let firstPlace = first.location.map { "first given at \($0)" } ?? "given earlier"
                report(.lexiconProblem, "lexicon entry `\(entry.from)` is given twice", at: place, hint: firstPlace)
            } else {
                seen[from] = entry
            }
        }
    }

    /// Lower case with runs of white space collapsed, as the normalizer would compare them.
    private static func folded(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
