import Foundation

/// Everything `patroli rules lint` found in a pack, in file order.
public struct LintReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// Posts of the corpus the pack was measured on (0 without a corpus).
    public var corpusPosts: Int

    public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { errors > 0 }
    public var summary: String { "\(errors) error(s), \(warnings) warning(s)" }
}

/// Checks a rule pack: what loading, validating and compiling report (P1xx, P2xx), failing rule
/// examples (P301) and, given a labelled corpus, rules that never fire (P302), rules that fire on
/// more than `maximumFireRate` of the posts (P303) and lexicon entries that neither the rules nor
/// the corpus use (P304).
public enum PackLinter {
    /// A rule firing on more than this share of the corpus posts gets P303.
    public static let maximumFireRate = 0.30

    /// Lints the pack in `directory`; `corpus` (every split) enables P302–P304.
    public static func lint(directory: String, corpus: [LabelledPost]? = nil) -> LintReport {
        lint(PackLoader.load(directory: directory), corpus: corpus)
    }

    /// Lints an already loaded pack (for packs built from in-memory files).
    public static func lint(_ loaded: PackLoadResult, corpus: [LabelledPost]? = nil) -> LintReport {
        var diagnostics = loaded.diagnostics
        var known = Set(diagnostics)
        func add(_ more: [Diagnostic]) {
            for diagnostic in more where known.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
        }
        guard let pack = loaded.pack else { return LintReport(diagnostics: diagnostics, corpusPosts: 0) }
        let compiled: CompiledPack
        do {
            compiled = try CompiledPack.compile(pack)
        } catch {
            add(error.diagnostics)
            return LintReport(diagnostics: sorted(diagnostics), corpusPosts: 0)
        }
        add(compiled.warnings)
        add(ExampleRunner.run(pack: compiled, source: pack).failures.map(\.diagnostic))
        add(exampleCountDiagnostics(pack))
        if let corpus {
            add(corpusDiagnostics(compiled, corpus))
            add(lexiconDiagnostics(pack, compiled, corpus))
        }
        return LintReport(diagnostics: sorted(diagnostics), corpusPosts: corpus?.count ?? 0)
    }

    /// P305: every active rule shows, with at least two of each, what it catches and what it leaves alone.
    static func exampleCountDiagnostics(_ pack: RulePack) -> [Diagnostic] {
        pack.rules.filter { $0.status != .disabled }.compactMap { rule in
            let match = rule.examples.match.count, noMatch = rule.examples.noMatch.count
            guard match < 2 || noMatch < 2 else { return nil }
            return Diagnostic(.tooFewExamples,
                              "rule `\(rule.id)` has \(match) match and \(noMatch) no_match example(s); two of each are expected",
                              at: rule.examples.location ?? rule.location,
                              hint: "add short posts it must catch (`match`) and look-alikes it must leave alone (`no_match`)",
                              rule: rule.id)
        }
    }

    // MARK: Corpus checks

    private static func corpusDiagnostics(_ pack: CompiledPack, _ corpus: [LabelledPost]) -> [Diagnostic] {
        guard !corpus.isEmpty else { return [] }
        let scanner = Scanner(pack: pack)
        var fires: [String: Int] = [:]
        for post in corpus {
            for ruleID in Set(scanner.scan(post.text).contributions.map(\.ruleID)) { fires[ruleID, default: 0] += 1 }
        }
        var diagnostics: [Diagnostic] = []
        for compiled in pack.rules {
            let rule = compiled.rule
            let count = fires[rule.id] ?? 0
            if count == 0 {
                diagnostics.append(Diagnostic(
                    .ruleNeverFires, "rule `\(rule.id)` fires on none of the \(corpus.count) corpus posts",
                    at: rule.location,
                    hint: "add a post it is meant to catch to the corpus, or check its \(matcherName(rule)) against real posts",
                    rule: rule.id))
            } else if Double(count) > maximumFireRate * Double(corpus.count) {
                let percent = String(format: "%.1f", 100 * Double(count) / Double(corpus.count))
                diagnostics.append(Diagnostic(
                    .ruleFiresTooOften,
                    "rule `\(rule.id)` fires on \(count) of \(corpus.count) corpus posts (\(percent)%, more than \(Int(maximumFireRate * 100))%)",
                    at: rule.location,
                    hint: "a rule that fires on almost everything tells posts apart poorly: narrow it, or add `near`",
                    rule: rule.id))
            }
        }
        return diagnostics
    }

    private static func matcherName(_ rule: Rule) -> String {
        switch rule.matcher {
        case .keywords: return "keywords"
        case .regex: return "regex"
        case .combination: return "conditions"
        }
    }

    /// P304: an entry is used when a keyword contains its slang form or its expansion, a regex
    /// mentions every word of its expansion, or a corpus post contains its slang form.
    private static func lexiconDiagnostics(_ pack: RulePack, _ compiled: CompiledPack, _ corpus: [LabelledPost]) -> [Diagnostic] {
        let plain = Normalizer()
        var keywordsPlain: [[UInt8]] = []
        var keywordsExpanded: [[UInt8]] = []
        var patterns: [String] = []
        for compiledRule in compiled.rules {
            switch compiledRule.rule.matcher {
            case .keywords(let keywords):
                for keyword in keywords {
                    keywordsPlain.append(plain.normalize(keyword).bytes)
                    keywordsExpanded.append(compiled.normalizer.normalize(keyword).bytes)
                }
            case .regex(let pattern, _, let literals):
                patterns.append((pattern + " " + (literals ?? []).joined(separator: " ")).lowercased())
            case .combination:
                break
            }
        }
        let posts = corpus.map { plain.normalize($0.text).bytes }
        var diagnostics: [Diagnostic] = []
        for entry in pack.manifest.lexicon {
            let from = trimmed(plain.normalize(entry.from).bytes)
            let to = trimmed(plain.normalize(entry.to).bytes)
            guard !from.isEmpty else { continue }
            if keywordsPlain.contains(where: { containsPhrase($0, from) }) { continue }
            if !to.isEmpty, keywordsExpanded.contains(where: { containsPhrase($0, to) }) { continue }
            let words = String(decoding: to, as: UTF8.self).split(separator: " ").map(String.init)
            if !words.isEmpty, patterns.contains(where: { pattern in words.allSatisfy { pattern.contains($0) } }) { continue }
            if posts.contains(where: { containsPhrase($0, from) }) { continue }
            diagnostics.append(Diagnostic(
                .lexiconEntryUnused,
                "lexicon entry `\(entry.from)` → `\(entry.to)` is used by no keyword or regex, and no corpus post writes `\(entry.from)`",
                at: entry.location ?? pack.manifest.location,
                hint: "remove it, or add a post that writes `\(entry.from)` to the corpus"))
        }
        return diagnostics
    }

    /// Whether `needle` occurs in `haystack` as whole words (not inside a longer word).
    static func containsPhrase(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        func isWordByte(_ byte: UInt8) -> Bool {
            byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
        }
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start] == needle[0] && haystack[start..<(start + needle.count)].elementsEqual(needle) {
                let end = start + needle.count
                let before = start == 0 || !isWordByte(haystack[start - 1]) || !isWordByte(needle[0])
                let after = end == haystack.count || !isWordByte(haystack[end]) || !isWordByte(needle[needle.count - 1])
                if before && after { return true }
            }
            start += 1
        }
        return false
    }

    private static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        var slice = bytes[...]
        while slice.first == UInt8(ascii: " ") { slice = slice.dropFirst() }
        while slice.last == UInt8(ascii: " ") { slice = slice.dropLast() }
        return Array(slice)
    }

    /// Manifest first, then rule files by path, then line and column; diagnostics without a place last.
    private static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        func key(_ diagnostic: Diagnostic) -> (Int, String, Int, Int) {
            guard let location = diagnostic.location else { return (2, "", 0, 0) }
            let isManifest = location.file == PackLoader.manifestFileName
                || location.file.hasSuffix("/" + PackLoader.manifestFileName)
            return (isManifest ? 0 : 1, location.file, location.line, location.column)
        }
        return diagnostics.enumerated()
            .sorted { lhs, rhs in
                let left = key(lhs.element), right = key(rhs.element)
                return left != right ? left < right : lhs.offset < rhs.offset
            }
            .map(\.element)
    }
}

extension Diagnostic {
    /// `{code, severity, message, file, line, column, hint, rule}`; absent values are `null`.
    public func writeJSON(to json: inout JSONOutput) {
        json.beginObject()
        json.field("code", code.rawValue)
        json.field("severity", severity.rawValue)
        json.field("message", message)
        json.field("file", location?.file)
        json.key("line")
        if let line = location?.line { json.int(line) } else { json.null() }
        json.key("column")
        if let column = location?.column { json.int(column) } else { json.null() }
        json.field("hint", hint)
        json.field("rule", ruleID)
        json.endObject()
    }

    /// A JSON array of diagnostics, one per line.
    public static func jsonArray(_ diagnostics: [Diagnostic]) -> String {
        guard !diagnostics.isEmpty else { return "[]\n" }
        let lines = diagnostics.map { diagnostic -> String in
            var json = JSONOutput()
            diagnostic.writeJSON(to: &json)
            return String(decoding: json.bytes, as: UTF8.self)
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }
}
