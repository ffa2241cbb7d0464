/// Renders imported rules as the YAML of a pack folder: `pack.yaml` and one rule file.
struct SpreadsheetPackRenderer {
    /// The input file's name (not its full path), as shown in comments and `references`.
    let fileName: String
    let options: SpreadsheetImporter.Options

    typealias ImportedRule = SpreadsheetImporter.ImportedRule

    func manifest(name: String, rules: [ImportedRule], thresholds: Thresholds, explanation: [String],
                  categories: [(name: String, rules: Int)], literalsAsKeywords: Int) -> String {
        let file = PackYAMLWriter.comment(fileName)
        var lines = [
            "# Rule pack imported from \(file) by `patroli rules import` (\(rules.count) rules).",
            "# Format and scoring: docs/RULE_FORMAT.md.",
            "",
            "name: \(PackYAMLWriter.quoted(name))",
            "version: \(PackYAMLWriter.quoted(options.version))",
            "description: \(PackYAMLWriter.quoted("Imported from \(fileName) (\(rules.count) rules)"))",
            "",
        ]
        lines += explanation.map { "# " + PackYAMLWriter.comment($0) }
        lines += [
            "thresholds:",
            "  low: \(PackYAMLWriter.number(thresholds.low))",
            "  medium: \(PackYAMLWriter.number(thresholds.medium))",
            "  high: \(PackYAMLWriter.number(thresholds.high))",
            "  review: \(PackYAMLWriter.number(thresholds.review))",
            "",
            "# Every category a rule uses; say what each means. There are no `caps` yet: add",
            "# `caps: {category: N}` to bound what one category's positive weights may add to a score.",
            "categories:",
        ]
        for category in categories {
            let meaning = "Rules imported from \(fileName) (\(category.rules)); describe what this category means"
            lines.append("  \(PackYAMLWriter.name(category.name)): \(PackYAMLWriter.quoted(meaning))")
        }
        if categories.isEmpty { lines.append("  \(PackYAMLWriter.name(options.defaultCategory)): 'Imported rules'") }
        return lines.joined(separator: "\n") + "\n"
    }

    func rules(_ rules: [ImportedRule], literalsAsKeywords: Int) -> String {
        let file = PackYAMLWriter.comment(fileName)
        var lines = [
            "# Rules imported from \(file) by `patroli rules import`; `references` names each rule's row.",
            "# Keywords and regexes match the NORMALIZED text (lower case, leetspeak and spaced letters",
            "# folded, emoji dropped); regexes are case-insensitive.",
        ]
        if literalsAsKeywords > 0 {
            lines += [
                "# \(literalsAsKeywords) `literal` row(s) became keywords, which match whole words or phrases, while",
                "# the spreadsheet's literals matched any substring: `gaji` no longer matches inside `gajian`.",
                "# Import with `--literal-as regex` to keep substring matching.",
            ]
        }
        lines += ["", "rules:"]
        for rule in rules {
            lines.append("  - id: \(PackYAMLWriter.name(rule.id))")
            lines.append("    description: \(PackYAMLWriter.quoted(rule.description))")
            lines.append("    category: \(PackYAMLWriter.name(rule.category))")
            lines.append("    weight: \(PackYAMLWriter.number(rule.weight))")
            lines.append("    references: \(PackYAMLWriter.list(["\(fileName):\(rule.line)"]))")
            switch rule.pattern {
            case .keyword(let keyword):
                lines.append("    keywords: \(PackYAMLWriter.list([keyword]))")
            case .regex(let pattern):
                lines.append("    regex: \(PackYAMLWriter.quoted(pattern))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
