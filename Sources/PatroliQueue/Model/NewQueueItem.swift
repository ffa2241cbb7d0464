import Foundation
import PatroliCore

/// A flagged post ready to enter the review queue, as produced by a scan.
///
/// The store derives every key from it: the idempotency `fingerprint` (source + post id +
/// normalized text), the SHA-256 of the original text, the normalized-text hash that counts
/// copies, the SimHash and the contact keys that cluster it.
public struct NewQueueItem: Sendable, Hashable {
    public var source: PostSource
    /// The original post text, exactly as read.
    public var text: String
    /// The text after Patroli's normalization (`ScanResult.normalized.string`).
    public var normalizedText: String
    public var score: Double
    public var risk: RiskLevel
    public var hits: [QueueHit]
    /// Lead categories of the pack that fired (e.g. `victim_lead`).
    public var leads: [String]
    public var entities: Entities
    public var pack: RulePackVersion
    /// When the batch saw the post; becomes the item's first (and last) seen time.
    public var seenAt: Date

    public init(source: PostSource, text: String, normalizedText: String, score: Double,
                risk: RiskLevel, hits: [QueueHit], leads: [String] = [], entities: Entities,
                pack: RulePackVersion, seenAt: Date) {
        self.source = source
        self.text = text
        self.normalizedText = normalizedText
        self.score = score
        self.risk = risk
        self.hits = hits
        self.leads = leads
        self.entities = entities
        self.pack = pack
        self.seenAt = seenAt
    }

    /// Builds an item from a scanned record, its result and its entities.
    public init(record: InputRecord, result: ScanResult, entities: Entities,
                pack: RulePackVersion, seenAt: Date) {
        self.init(
            source: PostSource(file: record.source, line: record.line, postID: record.id,
                               metadata: record.metadata.map { MetadataField(key: $0.key, value: $0.value) }),
            text: record.textString,
            normalizedText: result.normalized.string,
            score: result.score,
            risk: result.risk,
            hits: result.hits.map {
                QueueHit(ruleID: $0.ruleID, category: $0.category, points: $0.points,
                         start: $0.start, end: $0.end, text: $0.text)
            },
            leads: result.leads,
            entities: entities,
            pack: pack,
            seenAt: seenAt)
    }

    /// Idempotency key: SHA-256 (hex) of source, post id and normalized text.
    public var fingerprint: String { QueueKeys.fingerprint(source: source.file, postID: source.postID, normalizedText: normalizedText) }
    /// SHA-256 (hex) of the original text's UTF-8 bytes, for the case file.
    public var textSHA256: String { SHA256.hexDigest(Array(text.utf8)) }
    /// SHA-256 (hex) of the normalized text: equal for copies of the same post.
    public var normalizedTextSHA256: String { SHA256.hexDigest(Array(normalizedText.utf8)) }
    /// Distinct categories of the hits, sorted.
    public var categories: [String] { Array(Set(hits.map(\.category))).sorted() }
}
