import Yams

/// One key of a YAML mapping with its value, both with their positions.
struct YAMLEntry {
    var name: String
    var key: Node
    var value: Node
}

/// A YAML mapping whose keys were checked (text, unique, known).
struct YAMLMapping {
    var node: Node
    /// Known keys in document order, first occurrence only.
    var entries: [YAMLEntry]

    subscript(name: String) -> YAMLEntry? { entries.first { $0.name == name } }
}

/// Reads one YAML file of a pack: parses it and turns nodes into values, reporting every problem
/// with its `file:line:col` instead of stopping at the first.
struct PackFileReader {
    /// The file as shown in diagnostics (`rules/salary.yaml`).
    let path: String
    private let lines: [Substring]
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String, contents: String) {
        self.path = path
        self.lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?,
                         hint: String? = nil, rule: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: location, hint: hint, rule: rule))
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, at node: Node,
                         hint: String? = nil, rule: String? = nil) {
        report(code, message, at: location(node), hint: hint, rule: rule)
    }

    // MARK: Parsing

    /// The document's root node; `nil` for an empty file or a syntax error (reported as P100).
    mutating func parse(_ contents: String) -> Node? {
        do {
            return try Yams.compose(yaml: contents)
        } catch let error as YamlError {
            reportSyntaxError(error, in: contents)
        } catch {
            report(.yamlSyntax, "cannot read YAML: \(error)", at: SourceLocation(file: path, line: 1, column: 1))
        }
        return nil
    }

    private mutating func reportSyntaxError(_ error: YamlError, in contents: String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let hint = context.map { "\($0.text) (line \($0.mark.line), column \($0.mark.column))" }
            report(.yamlSyntax, "invalid YAML: \(problem)", at: location(mark), hint: hint)
        case let .reader(problem, offset, _, _):
            var line = 1, column = 1
            if let offset {
                for character in contents.unicodeScalars.prefix(offset) {
                    if character == "\n" { line += 1; column = 1 } else { column += 1 }
                }
            }
            report(.yamlSyntax, "invalid YAML: \(problem)", at: SourceLocation(file: path, line: line, column: column),
                   hint: "the file must be UTF-8 text without control characters")
        default:
            report(.yamlSyntax, "invalid YAML: \(error)", at: SourceLocation(file: path, line: 1, column: 1))
        }
    }

    // MARK: Locations

    func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: path, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func location(_ node: Node) -> SourceLocation { location(node.mark) }

    /// Where a scalar's text starts: inside the quotes of a quoted scalar, on the first content line
    /// of a block scalar (`|`, `>`). A regex error offset can be added to this column.
    func contentLocation(_ node: Node) -> SourceLocation {
        var start = location(node)
        guard let scalar = node.scalar else { return start }
        switch scalar.style {
        case .singleQuoted, .doubleQuoted:
            start.column += 1
        case .literal, .folded:
            // Lines are 1-based; `lines[start.line]` is the line after the indicator.
            var index = start.line
            while index < lines.count {
                let text = lines[index]
                if let first = text.unicodeScalars.firstIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) {
                    start.line = index + 1
                    start.column = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: first) + 1
                    break
                }
                index += 1
            }
        default:
            break
        }
        return start
    }

    // MARK: Shapes

    /// The node's resolved tag (`str`, `int`, `float`, `bool`, `null`, ...).
    static func tagName(_ node: Node) -> Tag.Name {
        Tag.Name(rawValue: node.tag.description)
    }

    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && tagName(node) == .null
    }

    /// How a node reads in a message: "a list", "text `high`", "a number".
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            if isNull(node) { return "nothing" }
            switch tagName(node) {
            case .int, .float: return "the number `\(scalar.string)`"
            case .bool: return "the boolean `\(scalar.string)`"
            default: return "text `\(scalar.string)`"
            }
        }
    }

    /// The mapping in `node` with its keys checked: each key must be text and unique (P100), and one
    /// of `allowedKeys` (P101 with a "did you mean") unless `allowAnyKey` (names chosen by the author).
    /// Reports P102 and returns nil for a non-mapping.
    mutating func mapping(_ node: Node, what: String, allowedKeys: [String], allowAnyKey: Bool = false,
                          rule: String? = nil) -> YAMLMapping? {
        guard case .mapping(let mapping) = node else {
            report(.wrongType, "\(what) must be a mapping of `key: value` lines, found \(Self.describe(node))",
                   at: node, rule: rule)
            return nil
        }
        var entries: [YAMLEntry] = []
        var seen: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                report(.wrongType, "keys of \(what) must be text, found \(Self.describe(key))", at: key, rule: rule)
                continue
            }
            if let first = seen[name] {
                report(.yamlSyntax, "duplicate key `\(name)` in \(what)", at: key,
                       hint: "first given at \(location(first)); remove one of them", rule: rule)
                continue
            }
            seen[name] = key
            guard allowAnyKey || allowedKeys.contains(name) else {
                let hint = PackSuggestion.hint(for: name, among: allowedKeys)
                    ?? "known keys: \(allowedKeys.map { "`\($0)`" }.joined(separator: ", "))"
                report(.unknownKey, "unknown key `\(name)` in \(what)", at: key, hint: hint, rule: rule)
                continue
            }
            entries.append(YAMLEntry(name: name, key: key, value: value))
        }
        return YAMLMapping(node: node, entries: entries)
    }

    // MARK: Typed values

    /// A text value: any scalar but null. Reports P102 for a list or mapping; nil for null.
    mutating func text(_ entry: YAMLEntry, rule: String? = nil) -> String? {
        guard let scalar = entry.value.scalar else {
            report(.wrongType, "`\(entry.name)` must be text, found \(Self.describe(entry.value))",
                   at: entry.value, rule: rule)
            return nil
        }
        return Self.isNull(entry.value) ? nil : scalar.string
    }

    /// A required text field: P103 when absent, empty or blank; P102 when not text.
    mutating func requiredText(_ mapping: YAMLMapping, _ name: String, of what: String,
                               rule: String? = nil) -> (value: String, node: Node)? {
        guard let entry = mapping[name] else {
            report(.missingField, "\(what) is missing required field `\(name)`", at: mapping.node, rule: rule)
            return nil
        }
        guard let value = text(entry, rule: rule) else {
            if entry.value.scalar != nil {
                report(.missingField, "required field `\(name)` of \(what) has no value", at: entry.value, rule: rule)
            }
            return nil
        }
        guard !value.allSatisfy(\.isWhitespace) else {
            report(.missingField, "required field `\(name)` of \(what) is empty", at: entry.value, rule: rule)
            return nil
        }
        return (value, entry.value)
    }

    /// A number (int or float). Reports P102 for anything else, including quoted numbers.
    mutating func number(_ entry: YAMLEntry, rule: String? = nil) -> Double? {
        if let scalar = entry.value.scalar {
            switch Self.tagName(entry.value) {
            case .int: if let value = Int.construct(from: scalar) { return Double(value) }
            case .float: if let value = Double.construct(from: scalar) { return value }
            default: break
            }
        }
        let quoted = entry.value.scalar.map { $0.style != .plain && Double($0.string) != nil } ?? false
        report(.wrongType, "`\(entry.name)` must be a number, found \(Self.describe(entry.value))", at: entry.value,
               hint: quoted ? "write the number without quotes" : nil, rule: rule)
        return nil
    }

    /// A whole number. Reports P102 for anything else.
    mutating func integer(_ entry: YAMLEntry, rule: String? = nil) -> Int? {
        if let scalar = entry.value.scalar, Self.tagName(entry.value) == .int, let value = Int.construct(from: scalar) {
            return value
        }
        report(.wrongType, "`\(entry.name)` must be a whole number, found \(Self.describe(entry.value))",
               at: entry.value, rule: rule)
        return nil
    }

    /// The items of a list; null counts as an empty list. Reports P102 for anything else.
    mutating func list(_ entry: YAMLEntry, rule: String? = nil) -> [Node]? {
        if case .sequence(let sequence) = entry.value { return Array(sequence) }
        if Self.isNull(entry.value) { return [] }
        let hint = entry.value.scalar.map { "write a list: `\(entry.name): [\"\($0.string)\"]`" }
        report(.wrongType, "`\(entry.name)` must be a list, found \(Self.describe(entry.value))", at: entry.value,
               hint: hint, rule: rule)
        return nil
    }

    /// A list of texts with each item's node. A null item reads as "" (the validator judges it);
    /// a list or mapping item is reported (P102) and skipped.
    mutating func textList(_ entry: YAMLEntry, rule: String? = nil) -> [(text: String, node: Node)]? {
        guard let items = list(entry, rule: rule) else { return nil }
        var texts: [(text: String, node: Node)] = []
        for item in items {
            guard let scalar = item.scalar else {
                report(.wrongType, "items of `\(entry.name)` must be text, found \(Self.describe(item))",
                       at: item, rule: rule)
                continue
            }
            texts.append((Self.isNull(item) ? "" : scalar.string, item))
        }
        return texts
    }
}
