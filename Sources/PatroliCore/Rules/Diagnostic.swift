/// Where something is in a rule-pack file: `rules/salary.yaml:42:9`.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
    case error, warning, note

    private var rank: Int { self == .error ? 2 : (self == .warning ? 1 : 0) }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem found in a rule pack, with a stable code, a place and a hint.
///
/// Rendered like YARA-X / rustc diagnostics:
/// ```
/// error[P101]: unknown key `wieght` in rule
///   --> rules/salary.yaml:12:5
///   = hint: did you mean `weight`?
/// ```
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    public var hint: String?
    /// The rule the problem belongs to, when there is one.
    public var ruleID: String?

    public init(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?,
                hint: String? = nil, rule ruleID: String? = nil, severity: Severity? = nil) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.message = message
        self.location = location
        self.hint = hint
        self.ruleID = ruleID
    }

    public var description: String {
        var text = "\(severity.rawValue)[\(code.rawValue)]: \(message)"
        if let location { text += "\n  --> \(location)" }
        if let hint { text += "\n  = hint: \(hint)" }
        return text
    }
}

/// Stable diagnostic codes. Never renumber: analysts and tools match on them.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable {
    // P1xx: reading a pack (YAML and structure)
    case yamlSyntax = "P100"
    case unknownKey = "P101"
    case wrongType = "P102"
    case missingField = "P103"
    case duplicateID = "P104"
    case invalidValue = "P105"
    case conflictingMatchers = "P106"
    case noMatcher = "P107"
    case missingManifest = "P108"
    case emptyPack = "P109"
    // P2xx: meaning of a pack
    case unknownRule = "P201"
    case unknownCategory = "P202"
    case combinationCycle = "P203"
    case regexError = "P204"
    case regexWithoutLiteral = "P205"
    case invalidNear = "P206"
    case thresholdOrder = "P207"
    case lexiconProblem = "P208"
    case emptyKeyword = "P209"
    // P3xx: examples
    case exampleFailed = "P301"
    // P3xx: measured on a labelled corpus (`patroli rules lint --corpus`)
    case ruleNeverFires = "P302"
    case ruleFiresTooOften = "P303"
    case lexiconEntryUnused = "P304"
    case tooFewExamples = "P305"

    public var defaultSeverity: Severity {
        switch self {
        case .regexWithoutLiteral, .ruleNeverFires, .ruleFiresTooOften, .lexiconEntryUnused, .tooFewExamples: return .warning
        default: return .error
        }
    }

    /// One-line title, for `rules lint --explain` and documentation.
    public var title: String {
        switch self {
        case .yamlSyntax: return "invalid YAML"
        case .unknownKey: return "unknown key"
        case .wrongType: return "value of the wrong type"
        case .missingField: return "required field missing"
        case .duplicateID: return "duplicate rule id"
        case .invalidValue: return "invalid value"
        case .conflictingMatchers: return "more than one matcher in a rule"
        case .noMatcher: return "rule has no matcher"
        case .missingManifest: return "pack manifest missing"
        case .emptyPack: return "pack has no rules"
        case .unknownRule: return "reference to an unknown rule"
        case .unknownCategory: return "reference to an unknown category"
        case .combinationCycle: return "cycle among combination rules"
        case .regexError: return "regex does not compile"
        case .regexWithoutLiteral: return "regex has no required literal (runs on every post)"
        case .invalidNear: return "invalid near condition"
        case .thresholdOrder: return "risk thresholds out of order"
        case .lexiconProblem: return "lexicon entry problem"
        case .emptyKeyword: return "empty keyword"
        case .exampleFailed: return "rule example failed"
        case .ruleNeverFires: return "rule never fires on the corpus"
        case .ruleFiresTooOften: return "rule fires on almost every post of the corpus"
        case .lexiconEntryUnused: return "lexicon entry used by no rule and no corpus post"
        case .tooFewExamples: return "rule has fewer than two match or two no_match examples"
        }
    }
}

/// Thrown when a pack has errors; carries every diagnostic, not just the first.
public struct PackError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        return diagnostics.map(\.description).joined(separator: "\n")
            + "\n\(errors) error(s) in the rule pack"
    }
}
