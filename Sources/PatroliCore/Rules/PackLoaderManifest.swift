import Yams

/// A manifest as read from `pack.yaml`, with the locations the validator needs.
struct LoadedManifest {
    var manifest: PackManifest
    var fields: [ManifestField: SourceLocation] = [:]
    var placeholders: Set<ManifestField> = []

    /// Stands in when there is no readable `pack.yaml`: nothing in it is judged again.
    static func placeholder(location: SourceLocation?) -> LoadedManifest {
        LoadedManifest(
            manifest: PackManifest(name: "", version: "", thresholds: Thresholds(low: 0, medium: 0, high: 0, review: 0),
                                   location: location),
            placeholders: [.name, .version, .thresholds, .categories])
    }
}

extension PackFileReader {
    static let manifestKeys = ["name", "version", "description", "thresholds", "categories", "caps", "lexicon",
                               "examples", "leads"]
    static let thresholdKeys = ["low", "medium", "high", "review"]
    static let packExampleKeys = ["text", "risk"]

    /// Reads `pack.yaml`. An empty file reads as an empty mapping (every required field missing).
    mutating func readManifest(_ root: Node?) -> LoadedManifest {
        let start = SourceLocation(file: path, line: 1, column: 1)
        var loaded = LoadedManifest.placeholder(location: start)
        let node = root ?? Node.mapping(Node.Mapping([], .implicit, .any, nil))
        guard let fields = mapping(node, what: "the pack manifest", allowedKeys: Self.manifestKeys) else {
            return loaded
        }
        loaded.manifest.location = root.map { location($0) } ?? start
        loaded.placeholders = []
        var missing: Set<ManifestField> = []

        let what = "the pack manifest"
        if let name = requiredText(fields, "name", of: what) { loaded.manifest.name = name.value } else {
            missing.insert(.name)
        }
        if let version = requiredText(fields, "version", of: what) { loaded.manifest.version = version.value } else {
            missing.insert(.version)
        }
        if let entry = fields["description"], let text = text(entry) { loaded.manifest.description = text }

        if let entry = fields["thresholds"], !Self.isNull(entry.value) {
            if let thresholds = readThresholds(entry.value, into: &loaded.fields) {
                loaded.manifest.thresholds = thresholds
            } else {
                missing.insert(.thresholds)
            }
        } else {
            report(.missingField, "the pack manifest is missing required field `thresholds`",
                   at: fields["thresholds"]?.value ?? fields.node,
                   hint: "add `thresholds: {low: 3, medium: 6, high: 10, review: 6}`")
            missing.insert(.thresholds)
        }

        if let entry = fields["categories"], !Self.isNull(entry.value) {
            if let categories = readTextMapping(entry, what: "`categories`") {
                loaded.manifest.categories = Dictionary(categories.map { ($0.key, $0.value) }) { first, _ in first }
            } else {
                missing.insert(.categories)
            }
        } else {
            report(.missingField, "the pack manifest is missing required field `categories`",
                   at: fields["categories"]?.value ?? fields.node,
                   hint: "declare every category a rule may use, with its meaning: `categories: {salary: Salary lure}`")
            missing.insert(.categories)
        }

        if let entry = fields["caps"], !Self.isNull(entry.value),
           let caps = mapping(entry.value, what: "`caps`", allowedKeys: [], allowAnyKey: true) {
            for cap in caps.entries {
                guard let value = number(cap) else { continue }
                loaded.manifest.caps[cap.name] = value
                loaded.fields[.cap(cap.name)] = location(cap.key)
            }
        }

        if let entry = fields["lexicon"], !Self.isNull(entry.value) {
            loaded.manifest.lexicon = readLexicon(entry)
        }
        if let entry = fields["examples"], let items = list(entry) {
            loaded.manifest.examples = items.compactMap { readPackExample($0) }
        }
        if let entry = fields["leads"], let names = textList(entry) {
            loaded.manifest.leadCategories = names.map(\.text)
        }
        loaded.placeholders = missing
        return loaded
    }

    /// `thresholds: {low, medium, high, review}`; nil when low, medium or high is unreadable.
    private mutating func readThresholds(_ node: Node, into fields: inout [ManifestField: SourceLocation]) -> Thresholds? {
        guard let map = mapping(node, what: "`thresholds`", allowedKeys: Self.thresholdKeys) else { return nil }
        var values: [String: Double] = [:]
        for name in ["low", "medium", "high"] {
            guard let entry = map[name] else {
                report(.missingField, "`thresholds` is missing required field `\(name)`", at: map.node)
                continue
            }
            fields[.threshold(name)] = location(entry.value)
            values[name] = number(entry)
        }
        var review = values["medium"]
        if let entry = map["review"] {
            fields[.threshold("review")] = location(entry.value)
            if let scalar = entry.value.scalar, [.int, .float].contains(Self.tagName(entry.value)),
               let value = Double.construct(from: scalar) {
                review = value
            } else {
                report(.thresholdOrder, "`review` threshold must be a number, found \(Self.describe(entry.value))",
                       at: entry.value, hint: "posts scoring at or above `review` are flagged, e.g. `review: 6`")
            }
        }
        guard let low = values["low"], let medium = values["medium"], let high = values["high"] else { return nil }
        return Thresholds(low: low, medium: medium, high: high, review: review ?? medium)
    }

    /// A mapping of names to texts (`categories`); null values read as "".
    private mutating func readTextMapping(_ entry: YAMLEntry, what: String) -> [(key: String, value: String)]? {
        guard let map = mapping(entry.value, what: what, allowedKeys: [], allowAnyKey: true) else { return nil }
        var pairs: [(key: String, value: String)] = []
        for item in map.entries {
            guard item.value.scalar != nil else {
                _ = text(item)
                continue
            }
            pairs.append((item.name, text(item) ?? ""))
        }
        return pairs
    }

    /// `lexicon: {gj: gaji}`. Entries are kept as written (empty, repeated) for the validator to judge.
    private mutating func readLexicon(_ entry: YAMLEntry) -> [LexiconEntry] {
        guard case .mapping(let map) = entry.value else {
            report(.wrongType, "`lexicon` must be a mapping of `slang: expansion` lines, found \(Self.describe(entry.value))",
                   at: entry.value)
            return []
        }
        var entries: [LexiconEntry] = []
        for (key, value) in map {
            guard let from = key.scalar, let to = value.scalar else {
                let bad = key.scalar == nil ? key : value
                report(.wrongType, "lexicon entries must map text to text, found \(Self.describe(bad))", at: bad)
                continue
            }
            entries.append(LexiconEntry(from: Self.isNull(key) ? "" : from.string, to: Self.isNull(value) ? "" : to.string,
                                        location: location(key)))
        }
        return entries
    }

    /// `- {text: "...", risk: high}`.
    private mutating func readPackExample(_ node: Node) -> PackExample? {
        guard let map = mapping(node, what: "a pack example", allowedKeys: Self.packExampleKeys) else { return nil }
        let text = requiredText(map, "text", of: "a pack example")
        guard let risk = requiredText(map, "risk", of: "a pack example") else { return nil }
        guard let level = RiskLevel(rawValue: risk.value) else {
            let names = RiskLevel.allCases.map(\.rawValue)
            report(.invalidValue, "`\(risk.value)` is not a risk level", at: risk.node,
                   hint: PackSuggestion.hint(for: risk.value, among: names)
                       ?? "use one of \(names.map { "`\($0)`" }.joined(separator: ", "))")
            return nil
        }
        guard let text else { return nil }
        return PackExample(text: text.value, risk: level, location: location(node))
    }
}
