import Foundation
import PatroliCore

/// A reviewer's hold on queued items until `leasedUntil`.
public struct Lease: Sendable, Hashable {
    public var reviewer: String
    public var leasedUntil: Date

    public init(reviewer: String, leasedUntil: Date) {
        self.reviewer = reviewer
        self.leasedUntil = leasedUntil
    }
}

/// A post in the review queue with everything a reviewer and a case file need.
public struct QueueItem: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var fingerprint: String
    public var source: PostSource
    /// The original post text, exactly as read.
    public var text: String
    public var normalizedText: String
    /// SHA-256 (hex) of the original text's UTF-8 bytes.
    public var textSHA256: String
    /// SHA-256 (hex) of the normalized text.
    public var normalizedTextSHA256: String
    public var score: Double
    public var risk: RiskLevel
    public var hits: [QueueHit]
    public var leads: [String]
    public var entities: Entities
    /// Distinct hit categories, sorted.
    public var categories: [String]
    /// Normalized contact keys (see `Clustering.contactKeys`), sorted.
    public var contactKeys: [String]
    public var pack: RulePackVersion
    /// When this post was first queued.
    public var firstSeen: Date
    /// When this post or a copy of it (same normalized text, other source or id) was last queued.
    public var lastSeen: Date
    /// How many queued posts share this normalized text, this one included.
    public var copyCount: Int
    /// The cluster: the smallest item id among the posts linked to this one.
    public var clusterID: Int64
    public var simHash: UInt64
    public var status: ReviewStatus
    /// The current lease, when one is held and has not expired at read time.
    public var lease: Lease?

    public init(id: Int64, fingerprint: String, source: PostSource, text: String, normalizedText: String,
                textSHA256: String, normalizedTextSHA256: String, score: Double, risk: RiskLevel,
                hits: [QueueHit], leads: [String], entities: Entities, categories: [String],
                contactKeys: [String], pack: RulePackVersion, firstSeen: Date, lastSeen: Date,
                copyCount: Int, clusterID: Int64, simHash: UInt64, status: ReviewStatus, lease: Lease?) {
        self.id = id
        self.fingerprint = fingerprint
        self.source = source
        self.text = text
        self.normalizedText = normalizedText
        self.textSHA256 = textSHA256
        self.normalizedTextSHA256 = normalizedTextSHA256
        self.score = score
        self.risk = risk
        self.hits = hits
        self.leads = leads
        self.entities = entities
        self.categories = categories
        self.contactKeys = contactKeys
        self.pack = pack
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.copyCount = copyCount
        self.clusterID = clusterID
        self.simHash = simHash
        self.status = status
        self.lease = lease
    }
}

/// One row of `list`: enough to choose what to open.
public struct QueueItemSummary: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var clusterID: Int64
    public var file: String
    public var line: Int
    public var postID: String
    public var score: Double
    public var risk: RiskLevel
    public var status: ReviewStatus
    public var categories: [String]
    /// The original text, cut to at most `QueueItemSummary.excerptLength` characters.
    public var excerpt: String
    public var firstSeen: Date
    public var lastSeen: Date
    public var copyCount: Int
    public var lease: Lease?

    public static let excerptLength = 120

    public init(id: Int64, clusterID: Int64, file: String, line: Int, postID: String, score: Double,
                risk: RiskLevel, status: ReviewStatus, categories: [String], excerpt: String,
                firstSeen: Date, lastSeen: Date, copyCount: Int, lease: Lease?) {
        self.id = id
        self.clusterID = clusterID
        self.file = file
        self.line = line
        self.postID = postID
        self.score = score
        self.risk = risk
        self.status = status
        self.categories = categories
        self.excerpt = excerpt
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.copyCount = copyCount
        self.lease = lease
    }

    /// `text` cut to `excerptLength` characters, with `…` when cut.
    public static func makeExcerpt(_ text: String) -> String {
        guard text.count > excerptLength else { return text }
        return String(text.prefix(excerptLength)) + "…"
    }
}
