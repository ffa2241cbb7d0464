import Yams

/// A rule as read from a rule file, with the locations and placeholders the validator needs.
struct LoadedRule {
    var rule: Rule
    var fields: [RuleField: SourceLocation] = [:]
    var placeholders: Set<RuleField> = []
}

extension PackFileReader {
    static let ruleFileKeys = ["rules"]
    static let ruleKeys = ["id", "description", "category", "weight", "status", "author", "references", "max_count",
                           "keywords", "unless_after", "regex", "target", "literals", "all", "any", "not", "at_least",
                           "near", "examples"]
    static let atLeastKeys = ["count", "of"]
    static let nearKeys = ["rule", "category", "words"]
    static let ruleExampleKeys = ["match", "no_match"]

    /// Reads a rule file: `rules: [...]`. An empty file has no rules.
    mutating func readRuleFile(_ root: Node?) -> [LoadedRule] {
        guard let root, !Self.isNull(root) else { return [] }
        guard let file = mapping(root, what: "a rule file", allowedKeys: Self.ruleFileKeys),
              let entry = file["rules"], let items = list(entry) else { return [] }
        return items.compactMap { readRule($0) }
    }

    /// The kind of matcher a key belongs to (all combination keys are one kind).
    private static func matcherKind(of key: String) -> String? {
        switch key {
        case "keywords": return "keywords"
        case "regex": return "regex"
        case "all", "any", "not", "at_least": return "combination"
        default: return nil
        }
    }

    private mutating func readRule(_ node: Node) -> LoadedRule? {
        let peekedID = node.mapping?["id"]?.scalar?.string
        let what = peekedID.map { "rule `\($0)`" } ?? "a rule"
        guard let map = mapping(node, what: what, allowedKeys: Self.ruleKeys, rule: peekedID) else { return nil }
        var missing: Set<RuleField> = []
        var fields: [RuleField: SourceLocation] = [:]

        let id = requiredText(map, "id", of: what, rule: peekedID)
        let ruleID = id?.value
        if id == nil { missing.insert(.id) }
        let ruleLocation = id.map { location($0.node) } ?? location(node)
        fields[.id] = ruleLocation

        let description = requiredText(map, "description", of: what, rule: ruleID)
        if description == nil { missing.insert(.description) }
        let category = requiredText(map, "category", of: what, rule: ruleID)
        if let category { fields[.category] = location(category.node) } else { missing.insert(.category) }

        var weight: Double?
        if let entry = map["weight"] {
            fields[.weight] = location(entry.value)
            weight = number(entry, rule: ruleID)
        } else {
            report(.missingField, "\(what) is missing required field `weight`", at: node,
                   hint: "give how much the rule adds to a score, e.g. `weight: 3` (negative for legitimacy cues)",
                   rule: ruleID)
        }
        if weight == nil { missing.insert(.weight) }

        var status = RuleStatus.stable
        if let entry = map["status"], let text = text(entry, rule: ruleID) {
            if let parsed = RuleStatus(rawValue: text) {
                status = parsed
            } else {
                let names = RuleStatus.allCases.map(\.rawValue)
                report(.invalidValue, "`\(text)` is not a rule status", at: entry.value,
                       hint: PackSuggestion.hint(for: text, among: names)
                           ?? "use one of \(names.map { "`\($0)`" }.joined(separator: ", "))",
                       rule: ruleID)
            }
        }
        let author = map["author"].flatMap { text($0, rule: ruleID) }
        let references = map["references"].flatMap { textList($0, rule: ruleID) }?.map(\.text) ?? []
        var maxCount = 1
        if let entry = map["max_count"], let value = integer(entry, rule: ruleID) {
            maxCount = value
            fields[.maxCount] = location(entry.value)
        }

        var patternLocation: SourceLocation?
        let matcher = readMatcher(map, rule: ruleID, fields: &fields, patternLocation: &patternLocation)
        if matcher == nil {
            missing.insert(.matcher)
        }
        if matcher == nil, !map.entries.contains(where: { Self.matcherKind(of: $0.name) != nil }) {
            report(.noMatcher, "\(what) has no matcher", at: ruleLocation,
                   hint: "add `keywords`, `regex`, or a combination (`all`, `any`, `not`, `at_least`)", rule: ruleID)
        }

        var near: NearCondition?
        if let entry = map["near"], !Self.isNull(entry.value) {
            fields[.near] = location(entry.key)
            near = readNear(entry, rule: ruleID, fields: &fields)
            if near == nil { missing.insert(.near) }
        }
        var unlessAfter: [String] = []
        if let entry = map["unless_after"], map["keywords"] != nil, let items = textList(entry, rule: ruleID) {
            unlessAfter = items.map(\.text)
        }
        let examples = map["examples"].map { readRuleExamples($0, rule: ruleID) } ?? RuleExamples()

        let rule = Rule(id: ruleID ?? "", description: description?.value ?? "", category: category?.value ?? "",
                        weight: weight ?? 0, matcher: matcher ?? .keywords([]), near: near, unlessAfter: unlessAfter, maxCount: maxCount,
                        status: status, author: author, references: references, examples: examples,
                        location: ruleLocation, patternLocation: patternLocation)
        return LoadedRule(rule: rule, fields: fields, placeholders: missing)
    }

    /// Exactly one matcher kind: keywords, regex, or a combination. The first kind written is read
    /// (so its contents are still checked); each further kind is reported (P106). `target` /
    /// `literals` belong to `regex` only (P105).
    private mutating func readMatcher(_ map: YAMLMapping, rule: String?, fields: inout [RuleField: SourceLocation],
                                      patternLocation: inout SourceLocation?) -> Matcher? {
        var kind: (name: String, key: String)?
        for entry in map.entries {
            guard let entryKind = Self.matcherKind(of: entry.name) else { continue }
            guard let first = kind else {
                kind = (entryKind, entry.name)
                continue
            }
            if entryKind != first.name {
                report(.conflictingMatchers, "rule `\(rule ?? "?")` has more than one matcher: `\(first.key)` and `\(entry.name)`",
                       at: entry.key, hint: "a rule has exactly one matcher; split it into two rules", rule: rule)
            }
        }
        if map["regex"] == nil {
            for name in ["target", "literals"] {
                guard let entry = map[name] else { continue }
                report(.invalidValue, "`\(name)` only applies to a `regex` matcher", at: entry.key,
                       hint: "remove `\(name)` or use `regex`", rule: rule)
            }
        }
        if map["keywords"] == nil, let entry = map["unless_after"] {
            report(.invalidValue, "`unless_after` only applies to a `keywords` matcher", at: entry.key,
                   hint: "remove `unless_after`, or write the negation into the regex as a lookbehind: `(?<!bukan )`",
                   rule: rule)
        }
        guard let kind else { return nil }
        var matcher: Matcher?
        switch kind.name {
        case "keywords":
            guard let entry = map["keywords"], let items = textList(entry, rule: rule) else { return nil }
            for (index, item) in items.enumerated() { fields[.keyword(index)] = location(item.node) }
            matcher = .keywords(items.map(\.text))
        case "regex":
            matcher = readRegex(map, rule: rule, fields: &fields, patternLocation: &patternLocation)
        default:
            matcher = readCombination(map, rule: rule, fields: &fields).map { .combination($0) }
        }
        return matcher
    }

    private mutating func readRegex(_ map: YAMLMapping, rule: String?, fields: inout [RuleField: SourceLocation],
                                    patternLocation: inout SourceLocation?) -> Matcher? {
        guard let entry = map["regex"] else { return nil }
        guard entry.value.scalar != nil else {
            _ = text(entry, rule: rule)
            return nil
        }
        let pattern = text(entry, rule: rule) ?? ""
        patternLocation = contentLocation(entry.value)
        fields[.regex] = patternLocation
        var target = RegexTarget.normalized
        if let targetEntry = map["target"], let name = text(targetEntry, rule: rule) {
            if let parsed = RegexTarget(rawValue: name) {
                target = parsed
            } else {
                report(.invalidValue, "`\(name)` is not a regex target", at: targetEntry.value,
                       hint: "use `normalized` (the default) or `raw`", rule: rule)
            }
        }
        var literals: [String]?
        if let literalsEntry = map["literals"], let items = textList(literalsEntry, rule: rule) {
            for (index, item) in items.enumerated() { fields[.literal(index)] = location(item.node) }
            literals = items.map(\.text)
        }
        return .regex(pattern: pattern, target: target, literals: literals)
    }

    private mutating func readCombination(_ map: YAMLMapping, rule: String?,
                                          fields: inout [RuleField: SourceLocation]) -> Combination? {
        var combination = Combination()
        var readable = true
        func references(_ entry: YAMLEntry?, reader: inout PackFileReader) -> [LocatedReference]? {
            guard let entry else { return [] }
            return reader.textList(entry, rule: rule)?.map {
                LocatedReference(RuleReference(parsing: $0.text), at: reader.location($0.node))
            }
        }
        if let all = references(map["all"], reader: &self) { combination.all = all } else { readable = false }
        if let any = references(map["any"], reader: &self) { combination.any = any } else { readable = false }
        if let not = references(map["not"], reader: &self) { combination.not = not } else { readable = false }
        if let entry = map["at_least"] {
            fields[.atLeast] = location(entry.key)
            if let atLeast = mapping(entry.value, what: "`at_least`", allowedKeys: Self.atLeastKeys, rule: rule) {
                if let count = atLeast["count"] {
                    combination.atLeastCount = integer(count, rule: rule)
                    fields[.atLeastCount] = location(count.value)
                } else {
                    report(.missingField, "`at_least` is missing required field `count`", at: atLeast.node,
                           hint: "write `at_least: {count: 2, of: [...]}`", rule: rule)
                }
                if let of = atLeast["of"] {
                    if let refs = references(of, reader: &self) { combination.atLeastOf = refs } else { readable = false }
                } else {
                    report(.missingField, "`at_least` is missing required field `of`", at: atLeast.node,
                           hint: "list the rules or `category:NAME` references to count", rule: rule)
                }
                if combination.atLeastCount == nil || atLeast["of"] == nil { readable = false }
            } else {
                readable = false
            }
        }
        return readable ? combination : nil
    }

    /// `near: {rule: X | category: X, words: N}`.
    private mutating func readNear(_ entry: YAMLEntry, rule: String?,
                                   fields: inout [RuleField: SourceLocation]) -> NearCondition? {
        guard let map = mapping(entry.value, what: "`near`", allowedKeys: Self.nearKeys, rule: rule) else { return nil }
        var reference: LocatedReference?
        switch (map["rule"], map["category"]) {
        case (nil, nil):
            report(.invalidNear, "`near` names neither a `rule` nor a `category`", at: map.node,
                   hint: "write `near: {category: destination, words: 10}`", rule: rule)
        case (.some, .some(let second)):
            report(.invalidNear, "`near` names both a `rule` and a `category`", at: second.key,
                   hint: "keep one of them; use a combination rule for more", rule: rule)
        case (.some(let target), nil):
            if let id = text(target, rule: rule) {
                reference = LocatedReference(.rule(id), at: location(target.value))
            }
        case (nil, .some(let target)):
            if let name = text(target, rule: rule) {
                reference = LocatedReference(.category(name), at: location(target.value))
            }
        }
        var words: Int?
        if let entry = map["words"] {
            fields[.nearWords] = location(entry.value)
            words = integer(entry, rule: rule)
        } else {
            report(.missingField, "`near` is missing required field `words`", at: map.node,
                   hint: "say how close the hits must be, e.g. `words: 10`", rule: rule)
        }
        guard let reference, let words else { return nil }
        return NearCondition(reference: reference, words: words)
    }

    private mutating func readRuleExamples(_ entry: YAMLEntry, rule: String?) -> RuleExamples {
        var examples = RuleExamples(location: location(entry.value))
        guard !Self.isNull(entry.value),
              let map = mapping(entry.value, what: "`examples`", allowedKeys: Self.ruleExampleKeys, rule: rule) else {
            return examples
        }
        let match = map["match"].flatMap { textList($0, rule: rule) } ?? []
        let noMatch = map["no_match"].flatMap { textList($0, rule: rule) } ?? []
        examples.match = match.map(\.text)
        examples.noMatch = noMatch.map(\.text)
        examples.matchLocations = match.map { location($0.node) }
        examples.noMatchLocations = noMatch.map { location($0.node) }
        return examples
    }
}
