import Foundation

/// Turns a spreadsheet export of rules (CSV or TSV with columns `id`, `weight`, `kind`, `pattern`,
/// optionally `category` and `description`) into a rule pack folder.
///
/// Every bad row is reported with its `file:line` and a hint, skipped, and the rest imported. The
/// pack is written as `pack.yaml` (thresholds guessed from the weights, explained in a comment) and
/// one rule file, then read back with `PackLoader` and compiled, so what was written is known to load.
public enum SpreadsheetImporter {
    public static let rulesFileName = "rules.yaml"
    public static let requiredColumns = ["id", "weight", "kind", "pattern"]
    public static let optionalColumns = ["category", "description"]
    public static let kinds = ["keyword", "literal", "regex"]

    /// What a `literal` row becomes. Spreadsheet literals are plain substrings; Patroli keywords are
    /// whole words on normalized text, so the two do not match the same posts.
    public enum LiteralImport: String, Sendable, Hashable, CaseIterable {
        /// A keyword: whole words or phrases on the normalized text (the pack's own way of matching).
        case keyword
        /// A regex of the escaped literal: a substring anywhere in the normalized text, like the original.
        case regex
    }

    public struct Options: Sendable, Hashable {
        /// The pack's `name`; default: the file's name without its extension.
        public var packName: String?
        /// Category for rows without one.
        public var defaultCategory: String
        public var literalsAs: LiteralImport
        public var version: String

        public init(packName: String? = nil, defaultCategory: String = "imported", literalsAs: LiteralImport = .keyword,
                    version: String = "0.1.0") {
            self.packName = packName
            self.defaultCategory = defaultCategory
            self.literalsAs = literalsAs
            self.version = version
        }
    }

    /// One rule read from a row.
    public struct ImportedRule: Sendable, Hashable {
        public enum Pattern: Sendable, Hashable {
            case keyword(String)
            case regex(String)
        }

        public var id: String
        public var weight: Double
        public var category: String
        public var description: String
        /// The row's `kind` as written (`literal`, `keyword`, `regex`).
        public var kind: String
        public var pattern: Pattern
        /// The line of the input file the row starts on.
        public var line: Int
    }

    /// What reading a spreadsheet produced: the rules, every skipped row's problem, and the pack text.
    public struct Result: Sendable {
        public var source: String
        /// `tsv`, `csv` or `csv (semicolon-separated)`.
        public var format: String
        public var rules: [ImportedRule]
        public var problems: [InputProblem]
        /// The file could not be imported at all (not text, a required column missing, no rule left).
        public var isFatal: Bool
        public var thresholds: Thresholds
        /// Why the thresholds are what they are (also written as a comment in pack.yaml).
        public var thresholdExplanation: [String]
        /// Category name → number of rules, sorted by name.
        public var categories: [(name: String, rules: Int)]
        /// How many `literal` rows became keywords (whole-word matching: the semantics differ).
        public var literalsAsKeywords: Int
        public var literalsAsRegexes: Int
        public var manifestYAML: String
        public var rulesYAML: String
    }

    // MARK: Reading

    /// Reads the file at `path`; problems with the file itself (missing, not UTF-8) are fatal problems.
    public static func read(path: String, options: Options = Options()) -> Result {
        guard let data = FileManager.default.contents(atPath: path) else {
            return failed(source: path, InputProblem(source: path, line: nil, message: "cannot read the file",
                                                     hint: "check the path and permissions"), options: options)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let line = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .firstIndex { String(data: Data($0), encoding: .utf8) == nil }.map { $0 + 1 }
            return failed(source: path, InputProblem(source: path, line: line, message: "the file is not UTF-8 text",
                                                     hint: "export the sheet as \"CSV UTF-8\" or UTF-8 tab-separated text"),
                          options: options)
        }
        return read(contents: text, source: path, options: options)
    }

    /// Reads a spreadsheet export held in memory; `source` names it in problems and picks the format
    /// by extension (`.tsv`/`.tab`, `.csv`), else the header line decides.
    public static func read(contents: String, source: String, options: Options = Options()) -> Result {
        let table = SpreadsheetTable(text: contents, fileName: source)
        var problems = table.problems.map { InputProblem(source: source, line: $0.line, message: $0.message, hint: $0.hint) }
        guard let header = table.rows.first else {
            problems.append(InputProblem(source: source, line: 1, message: "the file has no header row",
                                         hint: "the first line must name the columns: id, weight, kind, pattern"))
            return failed(source: source, problems, options: options)
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var column: [String: Int] = [:]
        for (index, name) in names.enumerated() where column[name] == nil { column[name] = index }
        let missing = requiredColumns.filter { column[$0] == nil }
        if !missing.isEmpty {
            for name in missing {
                let unknown = names.filter { !requiredColumns.contains($0) && !optionalColumns.contains($0) }
                let hint = PackSuggestion.hint(for: name, among: unknown)
                    ?? "the header must name the columns \(requiredColumns.joined(separator: ", ")) (optional: \(optionalColumns.joined(separator: ", "))); it has \(names.joined(separator: ", "))"
                problems.append(InputProblem(source: source, line: header.line, message: "missing column `\(name)`",
                                             hint: hint))
            }
            return failed(source: source, problems, options: options, format: table.format.rawValue)
        }

        var reader = RowReader(source: source, column: column, width: names.count, options: options)
        for row in table.rows.dropFirst() { reader.read(row) }
        problems += reader.problems
        problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }

        var result = assemble(reader.rules, source: source, options: options, format: table.format.rawValue)
        result.problems = problems
        if reader.rules.isEmpty {
            result.isFatal = true
            result.problems.append(InputProblem(source: source, line: nil, message: "no rule could be imported",
                                                hint: "every row was empty or had a problem listed above"))
        }
        return result
    }

    private static func failed(source: String, _ problem: InputProblem, options: Options) -> Result {
        failed(source: source, [problem], options: options)
    }

    private static func failed(source: String, _ problems: [InputProblem], options: Options, format: String = "") -> Result {
        var result = assemble([], source: source, options: options, format: format)
        result.problems = problems
        result.isFatal = true
        return result
    }

    // MARK: Thresholds

    /// Thresholds from the weights: S = the 90th-percentile positive weight (a "strong indicator",
    /// rounded up to 0.5); low = S, medium = review = 2·S (no single typical rule flags a post),
    /// high = 3·S. Without positive weights, the house defaults 3/6/10.
    public static func guessThresholds(weights: [Double]) -> (thresholds: Thresholds, explanation: [String]) {
        let positive = weights.filter { $0 > 0 }.sorted()
        guard !positive.isEmpty else {
            return (Thresholds(low: 3, medium: 6, high: 10, review: 6),
                    ["No rule has a positive weight, so the defaults low 3, medium 6, high 10, review 6 are used."])
        }
        let rank = max(0, Int((0.9 * Double(positive.count)).rounded(.up)) - 1)
        let strong = max(0.5, (positive[min(rank, positive.count - 1)] * 2).rounded(.up) / 2)
        let thresholds = Thresholds(low: strong, medium: 2 * strong, high: 3 * strong, review: 2 * strong)
        let s = PackYAMLWriter.number(strong)
        var lines = [
            "Guessed from the imported weights: 90% of the positive weights are at most \(s), the weight",
            "of a strong indicator (S). low = S (one strong indicator); medium = review = 2 x S (two strong",
            "indicators, or several weaker ones: no single rule flags a post); high = 3 x S.",
        ]
        let alone = positive.filter { $0 >= thresholds.review }.count
        if alone > 0 {
            lines.append("\(alone) rule(s) weigh \(PackYAMLWriter.number(thresholds.review)) or more and flag a post on their own.")
        }
        lines.append("Check them on labelled posts (`patroli rules tune` fits the weights to a corpus).")
        return (thresholds, lines)
    }

    // MARK: Assembly

    private static func assemble(_ rules: [ImportedRule], source: String, options: Options, format: String) -> Result {
        let fileName = (source as NSString).lastPathComponent
        let (thresholds, explanation) = guessThresholds(weights: rules.map(\.weight))
        var counts: [String: Int] = [:]
        for rule in rules { counts[rule.category, default: 0] += 1 }
        let categories = counts.sorted { $0.key < $1.key }.map { (name: $0.key, rules: $0.value) }
        let literals = rules.filter { $0.kind == "literal" }
        let asKeywords = literals.filter { if case .keyword = $0.pattern { return true } else { return false } }.count
        let name = options.packName ?? defaultPackName(fileName)
        let renderer = SpreadsheetPackRenderer(fileName: fileName, options: options)
        return Result(source: source, format: format, rules: rules, problems: [], isFatal: false, thresholds: thresholds,
                      thresholdExplanation: explanation, categories: categories, literalsAsKeywords: asKeywords,
                      literalsAsRegexes: literals.count - asKeywords,
                      manifestYAML: renderer.manifest(name: name, rules: rules, thresholds: thresholds,
                                                      explanation: explanation, categories: categories,
                                                      literalsAsKeywords: asKeywords),
                      rulesYAML: renderer.rules(rules, literalsAsKeywords: asKeywords))
    }

    /// `rules.tsv` → `rules`; names that are not plain words become `imported`.
    static func defaultPackName(_ fileName: String) -> String {
        let stem = (fileName as NSString).deletingPathExtension
        let cleaned = String(stem.unicodeScalars.map { scalar -> Character in
            PackYAMLWriter.isPlainSafe(String(scalar)) || ("0"..."9").contains(scalar) || scalar == "-" ? Character(scalar) : "-"
        })
        return cleaned.isEmpty ? "imported" : cleaned
    }

    /// A literal as a PCRE2 pattern matching exactly that text.
    public static func escapedRegex(_ literal: String) -> String {
        var out = ""
        for character in literal {
            if "\\^$.|?*+()[]{}".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    // MARK: Writing and checking

    /// Writes `pack.yaml` and the rule file into `directory` (created if needed) and returns their
    /// paths. Refuses to replace an existing pack unless `overwrite`.
    @discardableResult
    public static func write(_ result: Result, to directory: String, overwrite: Bool = false) throws(InputProblem) -> [String] {
        let manifest = PackLoader.joined(directory, PackLoader.manifestFileName)
        let rulesFile = PackLoader.joined(directory, rulesFileName)
        if !overwrite {
            for path in [manifest, rulesFile] where FileManager.default.fileExists(atPath: path) {
                throw InputProblem(source: path, line: nil, message: "already exists; not replaced",
                                   hint: "choose an empty --output folder, or pass --force to replace the pack")
            }
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(result.manifestYAML.utf8).write(to: URL(fileURLWithPath: manifest), options: .atomic)
            try Data(result.rulesYAML.utf8).write(to: URL(fileURLWithPath: rulesFile), options: .atomic)
        } catch {
            throw InputProblem(source: directory, line: nil, message: "cannot write the pack: \(error.localizedDescription)",
                               hint: "check that the folder is writable")
        }
        return [manifest, rulesFile]
    }

    /// One diagnostic of the written pack, with the input line of the rule it is about.
    public struct Check: Sendable {
        public var diagnostic: Diagnostic
        public var sourceLine: Int?
    }

    /// Loads the written pack with `PackLoader` and compiles it: every diagnostic (errors and
    /// warnings, such as regexes without a required literal), each tied back to its input row, and
    /// how many rules compiled (nil when the pack has errors).
    public static func check(directory: String, result: Result) -> (checks: [Check], compiledRules: Int?) {
        let lines = Dictionary(result.rules.map { ($0.id, $0.line) }) { first, _ in first }
        func tied(_ diagnostics: [Diagnostic]) -> [Check] {
            diagnostics.map { Check(diagnostic: $0, sourceLine: $0.ruleID.flatMap { lines[$0] }) }
        }
        let loaded = PackLoader.load(directory: directory)
        guard let pack = loaded.pack, !loaded.hasErrors else { return (tied(loaded.diagnostics), nil) }
        let known = Set(loaded.diagnostics)
        do {
            let compiled = try CompiledPack.compile(pack)
            return (tied(loaded.diagnostics + compiled.warnings.filter { !known.contains($0) }), compiled.rules.count)
        } catch {
            return (tied(loaded.diagnostics + error.diagnostics.filter { !known.contains($0) }), nil)
        }
    }
}
