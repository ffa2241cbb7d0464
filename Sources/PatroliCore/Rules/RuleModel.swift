/// The rule-pack model as read from YAML, before compilation. Pure values, no behaviour.

/// What a combination or `near` condition refers to: one rule, or any rule of a category.
public enum RuleReference: Sendable, Hashable, CustomStringConvertible {
    case rule(String)
    case category(String)

    /// Parses `salary.amount` (a rule id) or `category:salary`.
    public init(parsing text: String) {
        if text.hasPrefix("category:") {
            self = .category(String(text.dropFirst("category:".count)))
        } else {
            self = .rule(text)
        }
    }

    public var description: String {
        switch self {
        case .rule(let id): return id
        case .category(let name): return "category:\(name)"
        }
    }
}

/// A reference together with where it was written, for diagnostics.
public struct LocatedReference: Sendable, Hashable {
    public var reference: RuleReference
    public var location: SourceLocation?
    public init(_ reference: RuleReference, at location: SourceLocation? = nil) {
        self.reference = reference
        self.location = location
    }
}

/// A combination: every condition present must hold.
public struct Combination: Sendable, Hashable {
    public var all: [LocatedReference] = []
    public var any: [LocatedReference] = []
    public var not: [LocatedReference] = []
    /// `at_least: {count: N, of: [...]}`: at least N of the references fired.
    public var atLeast: (count: Int, of: [LocatedReference])? {
        get { atLeastCount.map { ($0, atLeastOf) } }
        set { atLeastCount = newValue?.count; atLeastOf = newValue?.of ?? [] }
    }
    public var atLeastCount: Int?
    public var atLeastOf: [LocatedReference] = []

    public init() {}

    /// Every reference the combination mentions (the rules it depends on).
    public var references: [LocatedReference] { all + any + not + atLeastOf }
}

public enum RegexTarget: String, Sendable, Hashable {
    /// The normalized text (lower case, folded, slang expanded). The default.
    case normalized
    /// The original text as posted.
    case raw
}

public enum Matcher: Sendable, Hashable {
    /// Whole words or phrases, matched on the normalized text.
    case keywords([String])
    /// A PCRE2 pattern. `literals`: required literals declared by the author (any one must occur).
    case regex(pattern: String, target: RegexTarget, literals: [String]?)
    case combination(Combination)
}

/// `near: {rule|category: X, words: N}`: the rule fires only within N words of a hit of X.
public struct NearCondition: Sendable, Hashable {
    public var reference: LocatedReference
    public var words: Int
    public init(reference: LocatedReference, words: Int) {
        self.reference = reference
        self.words = words
    }
}

public enum RuleStatus: String, Sendable, Hashable, CaseIterable {
    case stable, testing, deprecated, disabled
}

public struct RuleExamples: Sendable, Hashable {
    public var match: [String] = []
    public var noMatch: [String] = []
    /// Where `examples:` starts.
    public var location: SourceLocation?
    /// Where each `match` / `no_match` item is, parallel to `match` / `noMatch` when read from a
    /// file (empty for packs built in code: use `location(ofMatch:)`, which falls back to `location`).
    public var matchLocations: [SourceLocation] = []
    public var noMatchLocations: [SourceLocation] = []

    public init(match: [String] = [], noMatch: [String] = [], location: SourceLocation? = nil,
                matchLocations: [SourceLocation] = [], noMatchLocations: [SourceLocation] = []) {
        self.match = match
        self.noMatch = noMatch
        self.location = location
        self.matchLocations = matchLocations
        self.noMatchLocations = noMatchLocations
    }

    /// Where `match[index]` is written, else where `examples:` is.
    public func location(ofMatch index: Int) -> SourceLocation? {
        matchLocations.indices.contains(index) ? matchLocations[index] : location
    }

    /// Where `noMatch[index]` is written, else where `examples:` is.
    public func location(ofNoMatch index: Int) -> SourceLocation? {
        noMatchLocations.indices.contains(index) ? noMatchLocations[index] : location
    }
}

public struct Rule: Sendable, Hashable {
    public var id: String
    public var description: String
    public var category: String
    public var weight: Double
    public var matcher: Matcher
    public var near: NearCondition?
    /// `unless_after` (keyword rules): a keyword hit right after one of these words does not count
    /// ("bukan penipuan" is a recruiter's reassurance, not a warning).
    public var unlessAfter: [String]
    /// How many matches of this rule count toward the score (default 1: each rule once).
    public var maxCount: Int
    public var status: RuleStatus
    public var author: String?
    public var references: [String]
    public var examples: RuleExamples
    /// Where the rule starts (its `id`), and where its pattern is, for diagnostics.
    public var location: SourceLocation
    public var patternLocation: SourceLocation?

    public init(id: String, description: String = "", category: String, weight: Double, matcher: Matcher,
                near: NearCondition? = nil, unlessAfter: [String] = [], maxCount: Int = 1, status: RuleStatus = .stable,
                author: String? = nil, references: [String] = [], examples: RuleExamples = RuleExamples(),
                location: SourceLocation, patternLocation: SourceLocation? = nil) {
        self.id = id
        self.description = description
        self.category = category
        self.weight = weight
        self.matcher = matcher
        self.near = near
        self.unlessAfter = unlessAfter
        self.maxCount = maxCount
        self.status = status
        self.author = author
        self.references = references
        self.examples = examples
        self.location = location
        self.patternLocation = patternLocation
    }
}

public enum RiskLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    case none, low, medium, high

    private var rank: Int { RiskLevel.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: RiskLevel, rhs: RiskLevel) -> Bool { lhs.rank < rhs.rank }
}

public struct Thresholds: Sendable, Hashable {
    public var low: Double
    public var medium: Double
    public var high: Double
    /// Posts scoring at or above this are flagged for review.
    public var review: Double

    public init(low: Double, medium: Double, high: Double, review: Double) {
        self.low = low
        self.medium = medium
        self.high = high
        self.review = review
    }

    public func risk(for score: Double) -> RiskLevel {
        if score >= high { return .high }
        if score >= medium { return .medium }
        if score >= low { return .low }
        return .none
    }
}

/// One slang/abbreviation entry: `gj` → `gaji`, `tnp pglmn` → `tanpa pengalaman`.
public struct LexiconEntry: Sendable, Hashable {
    public var from: String
    public var to: String
    public var location: SourceLocation?
    public init(from: String, to: String, location: SourceLocation? = nil) {
        self.from = from
        self.to = to
        self.location = location
    }
}

/// A whole-post example in the manifest with the risk it must get.
public struct PackExample: Sendable, Hashable {
    public var text: String
    public var risk: RiskLevel
    public var location: SourceLocation?
    public init(text: String, risk: RiskLevel, location: SourceLocation? = nil) {
        self.text = text
        self.risk = risk
        self.location = location
    }
}

public struct PackManifest: Sendable, Hashable {
    public var name: String
    public var version: String
    public var description: String
    public var thresholds: Thresholds
    /// Maximum total a category's positive weights may add to a score.
    public var caps: [String: Double]
    /// Known categories and what they mean. Rules may only use these (plus those with caps).
    public var categories: [String: String]
    public var lexicon: [LexiconEntry]
    public var examples: [PackExample]
    /// Categories that mark a post as a lead of its own kind (e.g. `victim_lead`: a victim or
    /// family plea), reported as `leads` beside the recruitment score.
    public var leadCategories: [String] = []
    public var location: SourceLocation?

    public init(name: String, version: String, description: String = "", thresholds: Thresholds,
                caps: [String: Double] = [:], categories: [String: String] = [:],
                lexicon: [LexiconEntry] = [], examples: [PackExample] = [], location: SourceLocation? = nil) {
        self.name = name
        self.version = version
        self.description = description
        self.thresholds = thresholds
        self.caps = caps
        self.categories = categories
        self.lexicon = lexicon
        self.examples = examples
        self.location = location
    }
}

public struct RulePack: Sendable, Hashable {
    public var manifest: PackManifest
    public var rules: [Rule]
    /// The folder the pack was read from, if any.
    public var directory: String?

    public init(manifest: PackManifest, rules: [Rule], directory: String? = nil) {
        self.manifest = manifest
        self.rules = rules
        self.directory = directory
    }
}
