/// An officer's decision on a queued post.
///
/// Raw values are what the CLI accepts and what exports and the audit table store.
public enum Verdict: String, Sendable, Hashable, CaseIterable, Codable {
    case recruitment
    case victimLead = "victim-lead"
    case notRelevant = "not-relevant"
    case unsure
}

/// Where an item stands in review: not yet decided, or its latest verdict.
///
/// Only `pending` items are handed out by `claimNext`; an `unsure` item stays visible through
/// `list` (filter by status) for a second opinion.
public enum ReviewStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case pending
    case recruitment
    case victimLead = "victim-lead"
    case notRelevant = "not-relevant"
    case unsure

    public init(_ verdict: Verdict) {
        switch verdict {
        case .recruitment: self = .recruitment
        case .victimLead: self = .victimLead
        case .notRelevant: self = .notRelevant
        case .unsure: self = .unsure
        }
    }

    public var verdict: Verdict? { Verdict(rawValue: rawValue) }
}
