/// Where the fields of a loaded pack were written, so semantic checks can point at the exact value.
///
/// The model keeps only a few locations (`Rule.location`, references, lexicon entries). The loader
/// records the rest here and hands it to the validator. A pack built in code has an empty map and
/// the validator falls back to `Rule.location` / `PackManifest.location`.
struct PackSourceMap: Sendable {
    /// Per rule (index in `RulePack.rules`): where individual fields were written.
    var ruleFields: [Int: [RuleField: SourceLocation]] = [:]
    /// Per rule: fields that were missing or unreadable. The loader already reported them and put a
    /// placeholder in the model, so the validator must not judge them again.
    var rulePlaceholders: [Int: Set<RuleField>] = [:]
    /// Where manifest fields were written.
    var manifestFields: [ManifestField: SourceLocation] = [:]
    /// Manifest fields that were missing or unreadable (placeholders in the model).
    var manifestPlaceholders: Set<ManifestField> = []
    /// A rule file had errors, so "the pack has no rules" would be misleading.
    var rulesIncomplete = false
    /// There is no `pack.yaml` (P108 already said so; most likely the wrong folder).
    var manifestMissing = false

    func isPlaceholder(_ field: RuleField, rule index: Int) -> Bool {
        rulePlaceholders[index]?.contains(field) ?? false
    }

    func isPlaceholder(_ field: ManifestField) -> Bool {
        manifestPlaceholders.contains(field)
    }

    /// Where a rule field was written, or the rule's own location when unknown.
    func location(of field: RuleField, rule index: Int, in pack: RulePack) -> SourceLocation? {
        if let location = ruleFields[index]?[field] { return location }
        return pack.rules.indices.contains(index) ? pack.rules[index].location : nil
    }

    /// Where a manifest field was written, or the manifest's own location when unknown.
    func location(of field: ManifestField, in pack: RulePack) -> SourceLocation? {
        manifestFields[field] ?? pack.manifest.location
    }
}

/// A rule field the loader can locate precisely or mark as a placeholder.
enum RuleField: Hashable, Sendable {
    case id, description, category, weight, status, maxCount
    /// The matcher as a whole (placeholder when missing or conflicting).
    case matcher
    case keyword(Int)
    case regex
    case literal(Int)
    case atLeast
    case atLeastCount
    /// The `near` key.
    case near
    case nearWords
}

/// A manifest field the loader can locate precisely or mark as a placeholder.
enum ManifestField: Hashable, Sendable {
    case name, version, thresholds, categories
    /// One threshold value: `low`, `medium`, `high` or `review`.
    case threshold(String)
    /// The key of one `caps` entry.
    case cap(String)
}
