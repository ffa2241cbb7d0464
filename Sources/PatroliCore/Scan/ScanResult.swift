/// One piece of a score, pinned to the words in the original post.
public struct Hit: Sendable, Hashable {
    public var ruleID: String
    public var category: String
    /// Points this hit adds to the score (the rule's weight on its first counted hit, after the
    /// category cap; 0 on further hits of the same rule). The hits' points add up to the score.
    public var points: Double
    /// Unicode code-point offsets into the original text, end exclusive.
    public var start: Int
    public var end: Int
    /// Exactly the original text in `start..<end`.
    public var text: String
    /// Byte offsets into the original UTF-8 text.
    public var byteRange: Range<Int>
}

/// How much one fired rule added to the score.
public struct Contribution: Sendable, Hashable {
    public var ruleID: String
    public var category: String
    public var description: String
    /// The rule's weight times the matches counted (up to `max_count`).
    public var weight: Double
    /// What it actually added after the category cap.
    public var points: Double
    public var capped: Bool { points != weight }
}

/// A rule that could not be evaluated on this post (for example a regex hitting its match limit).
public struct RuleFailure: Sendable, Hashable, CustomStringConvertible {
    public var ruleID: String
    public var message: String
    public var description: String { "rule `\(ruleID)`: \(message)" }
}

public struct ScanResult: Sendable {
    public var score: Double
    public var risk: RiskLevel
    public var flagged: Bool
    public var hits: [Hit]
    public var contributions: [Contribution]
    public var failures: [RuleFailure]
    public var normalized: NormalizedText
    /// Lead categories of the pack (manifest `leads`) that fired: e.g. `victim_lead`.
    public var leads: [String] = []
}
