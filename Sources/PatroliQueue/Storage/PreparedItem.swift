import Foundation

/// A new item with every derived key and JSON column computed once, outside the transaction;
/// shared by the stores so they write the same values.
struct PreparedItem: Sendable {
    var item: NewQueueItem
    var fingerprint: String
    var textSHA256: String
    var signature: ClusterSignature
    var categories: [String]
    /// Distinct rule ids of the hits, sorted.
    var ruleIDs: [String]
    var metadataJSON: String
    var hitsJSON: String
    var leadsJSON: String
    var entitiesJSON: String
    var categoriesJSON: String
    var contactKeysJSON: String

    init(_ item: NewQueueItem, clustering: Clustering) throws {
        self.item = item
        fingerprint = item.fingerprint
        textSHA256 = item.textSHA256
        signature = clustering.makeSignature(item)
        categories = item.categories
        ruleIDs = Array(Set(item.hits.map(\.ruleID))).sorted()
        metadataJSON = QueueJSON.metadata(item.source.metadata)
        hitsJSON = try QueueJSON.hits(item.hits)
        leadsJSON = QueueJSON.strings(item.leads)
        entitiesJSON = try QueueJSON.entities(item.entities)
        categoriesJSON = QueueJSON.strings(categories)
        contactKeysJSON = QueueJSON.strings(signature.contactKeys)
    }
}

/// A store that can insert items prepared beforehand (off its writer path), with the same
/// semantics as `ReviewStore.insert`.
protocol PreparedInserting: ReviewStore {
    var clustering: Clustering { get }
    func insert(prepared: [PreparedItem]) async throws -> InsertSummary
}
