import Foundation

/// Turns spreadsheet rows into imported rules, one problem (with its line and a hint) per bad row.
struct RowReader {
    typealias ImportedRule = SpreadsheetImporter.ImportedRule

    let source: String
    let column: [String: Int]
    /// How many columns the header names.
    let width: Int
    let options: SpreadsheetImporter.Options
    private(set) var rules: [ImportedRule] = []
    private(set) var problems: [InputProblem] = []
    private var firstLineOfID: [String: Int] = [:]
    private let normalizer = Normalizer()

    init(source: String, column: [String: Int], width: Int, options: SpreadsheetImporter.Options) {
        self.source = source
        self.column = column
        self.width = width
        self.options = options
    }

    private mutating func problem(_ line: Int, _ message: String, hint: String) {
        problems.append(InputProblem(source: source, line: line, message: message, hint: hint))
    }

    private func field(_ name: String, of row: SpreadsheetTable.Row) -> String? {
        guard let index = column[name], index < row.fields.count else { return nil }
        return row.fields[index]
    }

    mutating func read(_ row: SpreadsheetTable.Row) {
        let line = row.line
        if row.fields.count != width {
            problem(line, "the row has \(row.fields.count) field(s) but the header names \(width) column(s); row skipped",
                    hint: row.fields.count > width
                        ? "a delimiter inside a value splits it: quote the value (CSV) or remove the tab (TSV)"
                        : "fill every column, leaving optional ones empty")
            return
        }
        let id = (field("id", of: row) ?? "").trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty else {
            problem(line, "empty id; row skipped", hint: "give every row a unique id such as `L001` or `salary.high`")
            return
        }
        guard Self.isValidID(id) else {
            problem(line, "id `\(id)` may only contain letters, digits, `.`, `_` and `-`; row skipped",
                    hint: "for example `\(Self.suggestedID(id))`")
            return
        }
        if let first = firstLineOfID[id] {
            problem(line, "duplicate id `\(id)`; row skipped", hint: "first used on line \(first); ids must be unique")
            return
        }
        let weightText = (field("weight", of: row) ?? "").trimmingCharacters(in: .whitespaces)
        guard let weight = Self.number(weightText) else {
            problem(line, weightText.isEmpty ? "rule `\(id)` has no weight; row skipped"
                        : "weight `\(weightText)` of rule `\(id)` is not a number; row skipped",
                    hint: "write a number such as 3, -2 or 1.5 (negative for news and legitimacy cues)")
            return
        }
        let kind = (field("kind", of: row) ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard SpreadsheetImporter.kinds.contains(kind) else {
            let known = SpreadsheetImporter.kinds.map { "`\($0)`" }.joined(separator: ", ")
            problem(line, kind.isEmpty ? "rule `\(id)` has no kind; row skipped" : "unknown kind `\(kind)` of rule `\(id)`; row skipped",
                    hint: PackSuggestion.hint(for: kind, among: SpreadsheetImporter.kinds).map { "\($0) (kinds: \(known))" }
                        ?? "use one of \(known)")
            return
        }
        let rawPattern = field("pattern", of: row) ?? ""
        guard let pattern = makePattern(rawPattern, kind: kind, id: id, line: line) else { return }
        var category = (field("category", of: row) ?? "").trimmingCharacters(in: .whitespaces)
        if category.isEmpty { category = options.defaultCategory }
        var description = (field("description", of: row) ?? "").trimmingCharacters(in: .whitespaces)
        if description.isEmpty { description = Self.describe(kind: kind, pattern: rawPattern) }
        firstLineOfID[id] = line
        rules.append(ImportedRule(id: id, weight: weight, category: category, description: description, kind: kind,
                                  pattern: pattern, line: line))
    }

    /// The matcher for a row, or nil with a problem reported.
    private mutating func makePattern(_ raw: String, kind: String, id: String, line: Int) -> ImportedRule.Pattern? {
        guard !raw.allSatisfy(\.isWhitespace) else {
            problem(line, "rule `\(id)` has an empty pattern; row skipped",
                    hint: kind == "regex" ? "write the regex, e.g. `gaji\\s*\\d+\\s*jt`" : "write the word or phrase to find")
            return nil
        }
        switch kind {
        case "regex":
            return compiled(raw, id: id, line: line, what: "regex").map { .regex($0) }
        case "literal" where options.literalsAs == .regex:
            return compiled(SpreadsheetImporter.escapedRegex(raw.trimmingCharacters(in: .whitespaces)), id: id, line: line,
                            what: "escaped literal").map { .regex($0) }
        default:
            let keyword = raw.trimmingCharacters(in: .whitespaces)
            guard !normalizer.normalize(keyword).bytes.trimmingSpaces().isEmpty else {
                problem(line, "keyword `\(keyword)` of rule `\(id)` is nothing once normalized (invisible characters are dropped), so it could never match; row skipped",
                        hint: "write the visible word or phrase to find")
                return nil
            }
            return .keyword(keyword)
        }
    }

    /// The pattern if PCRE2 compiles it (as the pack compiler will), else nil with the position.
    private mutating func compiled(_ pattern: String, id: String, line: Int, what: String) -> String? {
        do {
            _ = try PCRE2Regex(pattern)
            return pattern
        } catch {
            let prefix = String(decoding: Array(pattern.utf8).prefix(error.offset), as: UTF8.self)
            problem(line, "\(what) of rule `\(id)` does not compile: \(error.message) at character \(prefix.count + 1); row skipped",
                    hint: "fix the pattern (PCRE2 syntax); test it with `patroli explain` once imported")
            return nil
        }
    }

    // MARK: Values

    /// `3`, `-2`, `1.5`, `+1`, and `1,5` as a decimal-comma spreadsheet writes it.
    static func number(_ text: String) -> Double? {
        guard !text.isEmpty else { return nil }
        var normalized = text
        if !normalized.contains("."), normalized.filter({ $0 == "," }).count == 1 {
            normalized = normalized.replacingOccurrences(of: ",", with: ".")
        }
        if normalized.hasPrefix("+") { normalized.removeFirst() }
        guard let value = Double(normalized), value.isFinite,
              normalized.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "." || $0 == "-" }) else { return nil }
        return value
    }

    static func isValidID(_ id: String) -> Bool {
        id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
    }

    /// `gaji besar!` → `gaji_besar_`.
    static func suggestedID(_ id: String) -> String {
        String(id.unicodeScalars.map { isValidID(String($0)) ? Character($0) : "_" })
    }

    static func describe(kind: String, pattern: String) -> String {
        let flat = PackYAMLWriter.comment(pattern)
        let shown = flat.count > 60 ? String(flat.prefix(57)) + "..." : flat
        return "Imported \(kind): \(shown)"
    }
}
